package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Turns accepted events into wire text and hands it to subscribers, on every core. Subscribers are
 * spread over lanes, one dispatcher thread each; every connection belongs to exactly one lane, so
 * it is only ever written by its lane's thread, and a fan-out to N subscribers takes N / lanes
 * writes on each thread instead of N on one. Each event is encoded once, however many subscribers
 * it has, and handing it to a connection never waits for that connection's client (it is written
 * at once when the socket takes it, and queued otherwise).
 *
 * <p>Events enter every lane in one order, decided under a lock, so every connection sees the same
 * publish order whichever lane it is in and however many threads publish. Under the same lock a
 * journal, when there is one, records each event and gives it its id (REC-1): an event is in the
 * history before any connection can receive it (REC-9).
 *
 * <p>{@link #broadcast} returns once its event has been handed to every subscriber in every lane,
 * so a publisher goes at the pace of the fan-out. Publishing faster than the server can deliver
 * then slows the publisher instead of queueing events ahead of the fan-out, where each would add a
 * whole fan-out to every subscriber's latency (the benchmarks measured seconds at 10,000
 * subscribers with a queue of 8). The backlog is at most one event per publishing thread.
 */
public final class Broadcaster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Broadcaster.class.getName());

    /** Where events go: the subscribers of a type, spread over lanes. */
    public interface Subscribers {
        /** How many lanes the subscribers are spread over; constant for the broadcaster's life. */
        int lanes();

        /**
         * Hands one event's wire text to the subscribers of {@code type} in one lane. Called by
         * that lane's thread only, in publish order.
         */
        void send(int lane, EventType type, String text);
    }

    private final MessageCodec codec;
    private final Subscribers subscribers;
    private final ServerMetrics metrics;
    private final EventJournal journal;
    private final List<ExecutorService> lanes;
    /** The lanes' threads, so that closing can wait until they have ended, not only finished their work. */
    private final List<Thread> laneThreads = new CopyOnWriteArrayList<>();
    private final Object enqueueOrder = new Object();

    /**
     * A broadcaster that sends events as they are given.
     *
     * @param codec       encodes each event once
     * @param subscribers the subscribers; one dispatcher thread is started per lane they have
     * @param metrics     where each broadcast's latency and fan-out time are observed
     */
    public Broadcaster(MessageCodec codec, Subscribers subscribers, ServerMetrics metrics) {
        this(codec, subscribers, metrics, EventJournal.NONE);
    }

    /**
     * A broadcaster that has each event recorded by {@code journal}, in the one publish order,
     * before sending it.
     */
    public Broadcaster(MessageCodec codec, Subscribers subscribers, ServerMetrics metrics, EventJournal journal) {
        this.codec = codec;
        this.subscribers = subscribers;
        this.metrics = metrics;
        this.journal = journal;
        int count = subscribers.lanes();
        if (count < 1) {
            throw new IllegalArgumentException("at least one lane, not " + count);
        }
        List<ExecutorService> threads = new ArrayList<>(count);
        for (int lane = 0; lane < count; lane++) {
            String name = "neuroinfo-dispatch-" + lane;
            threads.add(Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, name);
                thread.setDaemon(true);
                laneThreads.add(thread);
                return thread;
            }));
        }
        this.lanes = List.copyOf(threads);
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
        fanOut(event.eventType(), () -> encode(record(event)));
    }

    /**
     * As {@link #broadcast(Event)}, for an event that is wire text already and was recorded where
     * it was encoded: a cluster's event stream carries each event as its text, which every node
     * sends as it is.
     *
     * @throws IllegalStateException on a broadcaster with a journal, which would miss the event
     */
    public void broadcastText(EventType type, String text) {
        if (journal != EventJournal.NONE) {
            throw new IllegalStateException("a broadcaster with a journal records every event it sends");
        }
        fanOut(type, () -> text);
    }

    /**
     * Hands the text {@code inOrder} gives to every lane, taking it under the lock that decides the
     * one order, so that whatever it does (recording, numbering) happens in that order too.
     */
    private void fanOut(EventType type, Supplier<String> inOrder) {
        long accepted = System.nanoTime();
        CountDownLatch handedOver = new CountDownLatch(lanes.size());
        long fanOutStart;
        try {
            synchronized (enqueueOrder) {
                String text = inOrder.get();
                if (text == null) {
                    return;
                }
                // the fan-out begins once the event has its place in the order and its wire text;
                // the wait for the lock and the journal count towards the latency only
                fanOutStart = System.nanoTime();
                for (int lane = 0; lane < lanes.size(); lane++) {
                    int index = lane;
                    lanes.get(lane).execute(() -> {
                        try {
                            subscribers.send(index, type, text);
                        } catch (RuntimeException e) {
                            LOG.log(Level.ERROR, "broadcast of " + type + " failed", e);
                        } finally {
                            handedOver.countDown();
                        }
                    });
                }
            }
        } catch (RejectedExecutionException closed) {
            return;
        }
        awaitUninterruptibly(handedOver);
        metrics.fanOut(accepted, fanOutStart, System.nanoTime());
    }

    private Event record(Event event) {
        try {
            return journal.record(event);
        } catch (IllegalStateException e) {
            LOG.log(Level.ERROR, event.eventType() + " not sent: it could not be recorded", e);
            throw e;
        }
    }

    /** The event's wire text, or null when it cannot be encoded (logged). */
    private String encode(Event event) {
        try {
            return codec.encode(event);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "encoding " + event.eventType() + " failed", e);
            return null;
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

    /**
     * Stops the lanes, letting each finish what it was given, for at most 2 s in all. Waits for
     * the threads themselves to end: a servlet container that undeploys the WAR reports every
     * thread of the application still alive right after, and an executor says it has terminated
     * while its last thread is still on its way out.
     */
    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            for (ExecutorService lane : lanes) {
                lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            for (Thread thread : laneThreads) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    thread.join(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
