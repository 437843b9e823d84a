package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Turns accepted events into frames and hands them to subscribers. One dispatcher thread keeps a
 * single publish order that every connection sees; each event is encoded once, however many
 * subscribers it has, and handing a frame to a connection only queues it.
 */
public final class Broadcaster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Broadcaster.class.getName());

    /** Where frames go: the subscribers of a type. */
    @FunctionalInterface
    public interface Subscribers {
        void send(EventType type, String frame);
    }

    private final MessageCodec codec;
    private final Subscribers subscribers;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "neuroinfo-dispatch");
        thread.setDaemon(true);
        return thread;
    });

    public Broadcaster(MessageCodec codec, Subscribers subscribers) {
        this.codec = codec;
        this.subscribers = subscribers;
    }

    /** Queues an event for broadcast in call order. */
    public void broadcast(EventType type, EventPayload payload, long timestamp) {
        dispatcher.execute(() -> {
            try {
                subscribers.send(type, codec.encode(new Event(type, payload, timestamp)));
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "broadcast of " + type + " failed", e);
            }
        });
    }

    @Override
    public void close() {
        dispatcher.shutdown();
        try {
            dispatcher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
