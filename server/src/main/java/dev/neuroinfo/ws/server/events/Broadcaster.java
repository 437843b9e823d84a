package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Turns accepted events into wire text and hands it to subscribers. One dispatcher thread keeps a
 * single publish order that every connection sees; each event is encoded once, however many
 * subscribers it has, and handing it to a connection never waits for that connection's client
 * (it is written at once when the socket takes it, and queued otherwise).
 *
 * <p>{@link #broadcast} returns once its event has been handed to every subscriber, so a publisher
 * goes at the pace of the fan-out. Publishing faster than the server can deliver then slows the
 * publisher instead of queueing events ahead of the fan-out, where each would add a whole fan-out
 * to every subscriber's latency (the benchmarks measured seconds at 10,000 subscribers with a
 * queue of 8). The backlog is at most one event per publishing thread.
 */
public final class Broadcaster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Broadcaster.class.getName());

    /** Where events go: the subscribers of a type. */
    @FunctionalInterface
    public interface Subscribers {
        /** Hands one event's wire text to every subscriber of {@code type}. */
        void send(EventType type, String text);
    }

    private final MessageCodec codec;
    private final Subscribers subscribers;
    private final ServerMetrics metrics;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "neuroinfo-dispatch");
        thread.setDaemon(true);
        return thread;
    });

    /** A broadcaster timing each fan-out into {@code metrics}. */
    public Broadcaster(MessageCodec codec, Subscribers subscribers, ServerMetrics metrics) {
        this.codec = codec;
        this.subscribers = subscribers;
        this.metrics = metrics;
    }

    /**
     * Broadcasts an event after those already accepted, and returns once every subscriber has it
     * (written, or queued on its connection). Returns at once when the broadcaster is closed.
     */
    public void broadcast(EventType type, EventPayload payload, long timestamp) {
        CountDownLatch handedOver = new CountDownLatch(1);
        long accepted = System.nanoTime();
        try {
            dispatcher.execute(() -> {
                try {
                    long start = System.nanoTime();
                    subscribers.send(type, codec.encode(new Event(type, payload, timestamp)));
                    metrics.fanOut(accepted, start, System.nanoTime());
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "broadcast of " + type + " failed", e);
                } finally {
                    handedOver.countDown();
                }
            });
        } catch (RejectedExecutionException closed) {
            return;
        }
        awaitUninterruptibly(handedOver);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
