package dev.neuroinfo.ws.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryConnectionSlotsTest {
    private final InMemoryConnectionSlots slots = new InMemoryConnectionSlots(5);

    @Test
    void fiveSlotsPerUserAndReleaseFreesOne() {
        List<SlotLease> leases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leases.add(slots.acquire("alice").orElseThrow());
        }
        assertEquals(Optional.empty(), slots.acquire("alice"));
        assertTrue(slots.acquire("bob").isPresent(), "users are independent");
        assertEquals(5, slots.held("alice"));

        leases.get(0).release();
        assertEquals(4, slots.held("alice"));
        assertTrue(slots.acquire("alice").isPresent());
    }

    @Test
    void releaseIsIdempotent() {
        SlotLease first = slots.acquire("alice").orElseThrow();
        slots.acquire("alice").orElseThrow();
        first.release();
        first.release();
        first.close();
        assertEquals(1, slots.held("alice"));
    }

    @Test
    void userWithoutSlotsHoldsZero() {
        slots.acquire("alice").orElseThrow().release();
        assertEquals(0, slots.held("alice"));
        assertEquals(0, slots.held("nobody"));
    }

    @Test
    void tenConcurrentAcquiresGiveExactlyFive() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            for (int round = 0; round < 20; round++) {
                InMemoryConnectionSlots fresh = new InMemoryConnectionSlots(5);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<SlotLease>>> results = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return fresh.acquire("alice");
                    }));
                }
                start.countDown();
                int granted = 0;
                for (Future<Optional<SlotLease>> result : results) {
                    granted += result.get().isPresent() ? 1 : 0;
                }
                assertEquals(5, granted);
                assertEquals(5, fresh.held("alice"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentReleasesOfOneLeaseFreeOneSlot() throws Exception {
        SlotLease lease = slots.acquire("alice").orElseThrow();
        slots.acquire("alice").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    lease.release();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, slots.held("alice"));
    }
}
