package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.server.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Publish order, and publishers held to the pace of the fan-out. */
class BroadcasterTest {
    private final MessageCodec codec = new MessageCodec();

    @Test
    void framesGoOutInCallOrder() throws InterruptedException {
        List<Long> seen = new CopyOnWriteArrayList<>();
        try (Broadcaster broadcaster = new Broadcaster(codec,
                (type, frame) -> seen.add(codec.parse(frame).orElseThrow().get("data").get("timestamp").longValue()), new ServerMetrics())) {
            for (long i = 0; i < 500; i++) {
                broadcaster.broadcast(EventType.STREAM_OFFLINE, new StreamOffline(), i);
            }
            Await.until("500 frames", Duration.ofSeconds(10), () -> seen.size() == 500);
            for (int i = 0; i < 500; i++) {
                assertEquals(i, seen.get(i).longValue());
            }
        }
    }

    @Test
    void eachPublisherWaitsUntilItsOwnEventIsHandedOver() throws InterruptedException {
        CountDownLatch sinkReleased = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        try (Broadcaster broadcaster = new Broadcaster(codec, (type, frame) -> {
            awaitQuietly(sinkReleased);
            delivered.incrementAndGet();
        }, new ServerMetrics())) {
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
            // the fan-out is stuck on the first event: every publisher is held, none has returned
            Await.until("every publisher held", Duration.ofSeconds(10),
                    () -> publishers.stream().allMatch(p -> p.getState() == Thread.State.WAITING));
            assertEquals(0, returned.get());
            assertEquals(0, delivered.get());

            sinkReleased.countDown();
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
        Broadcaster broadcaster = new Broadcaster(codec, (type, frame) -> sent.set(true), new ServerMetrics());
        broadcaster.close();

        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> broadcaster.broadcast(EventType.STREAM_OFFLINE, new StreamOffline(), 1));
        assertFalse(sent.get(), "nothing is sent after close");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
