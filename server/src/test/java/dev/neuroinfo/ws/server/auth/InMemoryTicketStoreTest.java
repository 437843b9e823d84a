package dev.neuroinfo.ws.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryTicketStoreTest {
    private static final Grant ALICE = new Grant("t_a", "alice", false);
    private static final Grant BOB = new Grant("t_b", "bob", true);

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger expired = new AtomicInteger();
    private final InMemoryTicketStore store = new InMemoryTicketStore(now::get, expired::addAndGet);

    @Test
    void ticketIsRedeemedOnceWithItsGrant() {
        String ticket = store.issue(ALICE, Duration.ofSeconds(30));
        assertTrue(ticket.matches("[A-Za-z0-9_-]{43}"), ticket);
        assertEquals(Optional.of(ALICE), store.redeem(ticket));
        assertEquals(Optional.empty(), store.redeem(ticket));
        assertEquals(Optional.empty(), store.redeem("unknown"));
        assertEquals(Optional.empty(), store.redeem(""));
        assertEquals(Optional.empty(), store.redeem(null));
    }

    @Test
    void ticketsAreDistinct() {
        assertNotEquals(store.issue(ALICE, Duration.ofSeconds(30)), store.issue(ALICE, Duration.ofSeconds(30)));
    }

    @Test
    void ticketExpiresAtItsTtl() {
        String early = store.issue(ALICE, Duration.ofSeconds(30));
        String late = store.issue(ALICE, Duration.ofSeconds(30));
        now.addAndGet(Duration.ofSeconds(30).toNanos() - 1);
        assertEquals(Optional.of(ALICE), store.redeem(early));
        now.addAndGet(1);
        assertEquals(Optional.empty(), store.redeem(late));
        assertEquals(1, expired.get(), "the late ticket expired unredeemed; the early one was redeemed");
    }

    @Test
    void expiredTicketsArePurgedWhileIssuing() {
        for (int i = 0; i < 10; i++) {
            store.issue(ALICE, Duration.ofSeconds(1));
        }
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        store.issue(ALICE, Duration.ofSeconds(30));
        assertEquals(1, store.size());
        assertEquals(10, expired.get(), "each purged ticket expired unredeemed");
    }

    @Test
    void revokeAllKillsOnlyThatTokensTickets() {
        String a1 = store.issue(ALICE, Duration.ofSeconds(30));
        String a2 = store.issue(ALICE, Duration.ofSeconds(30));
        String b = store.issue(BOB, Duration.ofSeconds(30));
        store.revokeAll(ALICE.tokenId());
        assertEquals(Optional.empty(), store.redeem(a1));
        assertEquals(Optional.empty(), store.redeem(a2));
        assertEquals(Optional.of(BOB), store.redeem(b));
    }

    @Test
    void concurrentRedemptionsHaveExactlyOneWinner() throws Exception {
        InMemoryTicketStore real = new InMemoryTicketStore(count -> { });
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                String ticket = real.issue(ALICE, Duration.ofSeconds(30));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<Grant>>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return real.redeem(ticket);
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Optional<Grant>> result : results) {
                    winners += result.get().isPresent() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
