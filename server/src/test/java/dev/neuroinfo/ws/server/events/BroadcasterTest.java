package dev.neuroinfo.ws.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Publish order, encode-once, and a publisher held back when the fan-out falls behind. */
class BroadcasterTest {
    private final MessageCodec codec = new MessageCodec();

    @Test
    void framesGoOutInCallOrder() throws InterruptedException {
        List<Long> seen = new CopyOnWriteArrayList<>();
        try (Broadcaster broadcaster = new Broadcaster(codec,
                (type, frame) -> seen.add(codec.parse(frame).orElseThrow().get("data").get("timestamp").longValue()))) {
            for (long i = 0; i < 500; i++) {
                broadcaster.broadcast(EventType.STREAM_OFFLINE, new StreamOffline(), i);
            }
            awaitTrue(() -> seen.size() == 500);
            for (int i = 0; i < 500; i++) {
                assertEquals(i, seen.get(i).longValue());
            }
        }
    }

    @Test
    void aPublisherWaitsWhenTooManyBroadcastsArePending() throws InterruptedException {
        CountDownLatch sinkReleased = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        try (Broadcaster broadcaster = new Broadcaster(codec, (type, frame) -> {
            awaitQuietly(sinkReleased);
            delivered.incrementAndGet();
        }, 3)) {
            AtomicInteger accepted = new AtomicInteger();
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    broadcaster.broadcast(EventType.STREAM_OFFLINE, new StreamOffline(), i);
                    accepted.incrementAndGet();
                }
            });
            publisher.start();
            // three broadcasts hold the permits (one running, two queued), so the fourth call waits
            awaitTrue(() -> publisher.getState() == Thread.State.WAITING && accepted.get() == 3);
            sinkReleased.countDown();
            publisher.join(TimeUnit.SECONDS.toMillis(10));
            awaitTrue(() -> delivered.get() == 10);
            assertEquals(10, accepted.get());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }
}
