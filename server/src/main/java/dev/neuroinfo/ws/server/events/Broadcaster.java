package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Turns accepted events into frames and hands them to subscribers. One dispatcher thread keeps a
 * single publish order that every connection sees; each event is encoded once, however many
 * subscribers it has, and handing a frame to a connection only queues it.
 *
 * <p>At most {@link #DEFAULT_MAX_PENDING} broadcasts wait for the dispatcher; a publisher beyond
 * that waits too. Publishing faster than the fan-out can deliver then slows the publisher instead
 * of growing a backlog, and with it memory and every subscriber's latency, without bound.
 */
public final class Broadcaster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Broadcaster.class.getName());

    /** Where frames go: the subscribers of a type. */
    @FunctionalInterface
    public interface Subscribers {
        void send(EventType type, String frame);
    }

    /** Broadcasts accepted but not yet handed to subscribers before publishers are held back. */
    public static final int DEFAULT_MAX_PENDING = 8;

    private final MessageCodec codec;
    private final Subscribers subscribers;
    private final Semaphore pending;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "neuroinfo-dispatch");
        thread.setDaemon(true);
        return thread;
    });

    public Broadcaster(MessageCodec codec, Subscribers subscribers) {
        this(codec, subscribers, DEFAULT_MAX_PENDING);
    }

    /**
     * @param maxPending broadcasts that may wait for the dispatcher before {@link #broadcast}
     *                   blocks its caller
     */
    public Broadcaster(MessageCodec codec, Subscribers subscribers, int maxPending) {
        this.codec = codec;
        this.subscribers = subscribers;
        this.pending = new Semaphore(maxPending);
    }

    /** Queues an event for broadcast in call order; waits while the dispatcher is too far behind. */
    public void broadcast(EventType type, EventPayload payload, long timestamp) {
        pending.acquireUninterruptibly();
        try {
            dispatcher.execute(() -> {
                try {
                    subscribers.send(type, codec.encode(new Event(type, payload, timestamp)));
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "broadcast of " + type + " failed", e);
                } finally {
                    pending.release();
                }
            });
        } catch (RejectedExecutionException closed) {
            pending.release();
        }
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
