package dev.neuroinfo.ws.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.server.TwoNodes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The ticket store of a single node: the contract, and its lifetime to the nanosecond on a clock of the test's. */
class InMemoryTicketStoreTest extends TicketStoreContract {
    private static final Grant ALICE = new Grant("t_a", "alice", false);

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger expired = new AtomicInteger();
    private final InMemoryTicketStore store = new InMemoryTicketStore(now::get, expired::addAndGet);

    @Override
    protected TwoNodes<TicketStore> nodes() {
        return TwoNodes.alone(new InMemoryTicketStore(count -> { }));
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
}
