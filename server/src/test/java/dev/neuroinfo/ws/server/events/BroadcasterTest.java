package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.server.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Publish order in every lane, lanes on threads of their own, publishers held to the fan-out. */
class BroadcasterTest {
    private final MessageCodec codec = new MessageCodec();

    /** Records, per lane, the timestamps of the events it was handed and the threads that did it. */
    private final class RecordingLanes implements Broadcaster.Subscribers {
        final List<List<Long>> timestamps = new ArrayList<>();
        final List<Set<String>> threads = new ArrayList<>();

        RecordingLanes(int count) {
            for (int i = 0; i < count; i++) {
                timestamps.add(new CopyOnWriteArrayList<>());
                threads.add(ConcurrentHashMap.newKeySet());
            }
        }

        @Override
        public int lanes() {
            return timestamps.size();
        }

        @Override
        public void send(int lane, EventType type, String text) {
            threads.get(lane).add(Thread.currentThread().getName());
            timestamps.get(lane).add(codec.parse(text).orElseThrow().get("data").get("timestamp").longValue());
        }

        boolean allHave(int count) {
            return timestamps.stream().allMatch(seen -> seen.size() == count);
        }
    }

    @Test
    void everyLaneGetsEveryEventInCallOrder() throws InterruptedException {
        RecordingLanes lanes = new RecordingLanes(3);
        try (Broadcaster broadcaster = new Broadcaster(codec, lanes, new ServerMetrics())) {
            for (long i = 0; i < 500; i++) {
                broadcaster.broadcast(EventType.STREAM_OFFLINE, new StreamOffline(), i);
            }
            Await.until("500 frames in each lane", Duration.ofSeconds(10), () -> lanes.allHave(500));
            for (List<Long> seen : lanes.timestamps) {
                for (int i = 0; i < 500; i++) {
                    assertEquals(i, seen.get(i).longValue());
                }
            }
        }
    }

    @Test
    void eachLaneIsServedByOneThreadOfItsOwn() throws InterruptedException {
        RecordingLanes lanes = new RecordingLanes(4);
        try (Broadcaster broadcaster = new Broadcaster(codec, lanes, new ServerMetrics())) {
            for (long i = 0; i < 50; i++) {
                broadcaster.broadcast(EventType.STREAM_OFFLINE, new StreamOffline(), i);
            }
            Await.until("50 frames in each lane", Duration.ofSeconds(10), () -> lanes.allHave(50));
        }
        Set<String> distinct = new HashSet<>();
        for (Set<String> names : lanes.threads) {
            assertEquals(1, names.size(), "a lane is written by one thread only: " + names);
            distinct.addAll(names);
        }
        assertEquals(4, distinct.size(), "no two lanes share a thread: " + distinct);
    }

    @Test
    void concurrentPublishersLeaveOneOrderThatEveryLaneSees() throws InterruptedException {
        RecordingLanes lanes = new RecordingLanes(4);
        int perPublisher = 300;
        try (Broadcaster broadcaster = new Broadcaster(codec, lanes, new ServerMetrics())) {
            List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                long base = p * 1_000_000L;
                Thread publisher = new Thread(() -> {
                    for (long i = 0; i < perPublisher; i++) {
                        broadcaster.broadcast(EventType.STREAM_OFFLINE, new StreamOffline(), base + i);
                    }
                });
                publishers.add(publisher);
                publisher.start();
            }
            for (Thread publisher : publishers) {
                publisher.join(TimeUnit.SECONDS.toMillis(30));
            }
            Await.until("every event in each lane", Duration.ofSeconds(10), () -> lanes.allHave(4 * perPublisher));
        }
        List<Long> first = lanes.timestamps.get(0);
        for (List<Long> seen : lanes.timestamps) {
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.get(i), seen.get(i), "every lane sees the same interleaving; first difference at " + i);
            }
        }
    }

    @Test
    void eachPublisherWaitsUntilItsOwnEventIsHandedOverInEveryLane() throws InterruptedException {
        CountDownLatch stuckLaneReleased = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        Broadcaster.Subscribers oneSlowLane = new Broadcaster.Subscribers() {
            @Override
            public int lanes() {
                return 2;
            }

            @Override
            public void send(int lane, EventType type, String text) {
                if (lane == 1) {
                    awaitQuietly(stuckLaneReleased);
                    delivered.incrementAndGet();
                }
            }
        };
        try (Broadcaster broadcaster = new Broadcaster(codec, oneSlowLane, new ServerMetrics())) {
            AtomicInteger returned = new AtomicInteger();
            List<Thread> publishers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long timestamp = i;
                Thread publisher = new Thread(() -> {
                    broadcaster.broadcast(EventType.STREAM_OFFLINE, new StreamOffline(), timestamp);
                    returned.incrementAndGet();
                });
                publishers.add(publisher);
                publisher.start();
            }
            // lane 1 is stuck on the first event: every publisher is held, none has returned
            Await.until("every publisher held", Duration.ofSeconds(10),
                    () -> publishers.stream().allMatch(p -> p.getState() == Thread.State.WAITING));
            assertEquals(0, returned.get(), "a publisher waits for the slowest lane");

            stuckLaneReleased.countDown();
            for (Thread publisher : publishers) {
                publisher.join(TimeUnit.SECONDS.toMillis(10));
            }
            assertEquals(4, returned.get());
            assertEquals(4, delivered.get(), "a publisher returns only after its own event went out");
        }
    }

    @Test
    void aClosedBroadcasterDoesNotHoldPublishers() {
        AtomicBoolean sent = new AtomicBoolean();
        Broadcaster broadcaster = new Broadcaster(codec, new Broadcaster.Subscribers() {
            @Override
            public int lanes() {
                return 2;
            }

            @Override
            public void send(int lane, EventType type, String text) {
                sent.set(true);
            }
        }, new ServerMetrics());
        broadcaster.close();

        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> broadcaster.broadcast(EventType.STREAM_OFFLINE, new StreamOffline(), 1));
        assertFalse(sent.get(), "nothing is sent after close");
    }

    @Test
    void subscribersWithoutALaneAreRefused() {
        Broadcaster.Subscribers none = new Broadcaster.Subscribers() {
            @Override
            public int lanes() {
                return 0;
            }

            @Override
            public void send(int lane, EventType type, String text) {
            }
        };
        assertThrows(IllegalArgumentException.class, () -> new Broadcaster(codec, none, new ServerMetrics()));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void textGoesToEveryLaneAsItIsButNeverPastAJournal() throws InterruptedException {
        RecordingLanes lanes = new RecordingLanes(2);
        String text = codec.encode(new Event(EventType.STREAM_OFFLINE,
                new StreamOffline(), 42));
        try (Broadcaster broadcaster = new Broadcaster(codec, lanes, new ServerMetrics())) {
            broadcaster.broadcastText(EventType.STREAM_OFFLINE, text);
            assertEquals(List.of(List.of(42L), List.of(42L)), lanes.timestamps);
        }
        try (Broadcaster journaled = new Broadcaster(codec, lanes, new ServerMetrics(), event -> event)) {
            assertThrows(IllegalStateException.class, () -> journaled.broadcastText(EventType.STREAM_OFFLINE, text),
                    "a journal records every event it sends, and text cannot be recorded");
        }
    }
}
