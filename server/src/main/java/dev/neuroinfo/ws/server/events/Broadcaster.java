package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
    private final EventJournal journal;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "neuroinfo-dispatch");
        thread.setDaemon(true);
        return thread;
    });

    /** A broadcaster that sends events as they are given. */
    public Broadcaster(MessageCodec codec, Subscribers subscribers) {
        this(codec, subscribers, EventJournal.NONE);
    }

    /** A broadcaster that has each event recorded by {@code journal}, in broadcast order, before sending it. */
    public Broadcaster(MessageCodec codec, Subscribers subscribers, EventJournal journal) {
        this.codec = codec;
        this.subscribers = subscribers;
        this.journal = journal;
    }

    /** As {@link #broadcast(Event)}, for an event without an id. */
    public void broadcast(EventType type, EventPayload payload, long timestamp) {
        broadcast(new Event(type, payload, timestamp));
    }

    /**
     * Broadcasts an event after those already accepted, and returns once every subscriber has it
     * (written, or queued on its connection). Returns at once when the broadcaster is closed.
     *
     * @throws IllegalStateException when the journal could not record the event, which then
     *                               reached nobody
     */
    public void broadcast(Event event) {
        CountDownLatch handedOver = new CountDownLatch(1);
        AtomicReference<IllegalStateException> unrecorded = new AtomicReference<>();
        try {
            dispatcher.execute(() -> {
                try {
                    Event recorded = journal.record(event);
                    subscribers.send(event.eventType(), codec.encode(recorded));
                } catch (IllegalStateException e) {
                    LOG.log(Level.ERROR, event.eventType() + " not sent: it could not be recorded", e);
                    unrecorded.set(e);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "broadcast of " + event.eventType() + " failed", e);
                } finally {
                    handedOver.countDown();
                }
            });
        } catch (RejectedExecutionException closed) {
            return;
        }
        awaitUninterruptibly(handedOver);
        if (unrecorded.get() != null) {
            throw unrecorded.get();
        }
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
