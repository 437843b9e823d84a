package dev.neuroinfo.ws.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.Race;
import dev.neuroinfo.ws.server.TwoNodeContract;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TicketStore} does (TK-12..TK-15), as the ticket endpoint and the handshake rely
 * on it, run against each implementation by a subclass. Two nodes of one deployment share the
 * store: a ticket issued on one is redeemed on the other, once.
 */
public abstract class TicketStoreContract extends TwoNodeContract<TicketStore> {
    private static final Duration LONG = Duration.ofSeconds(30);
    /** A user name no encoding may mangle. */
    private static final Grant ALICE = new Grant("t_aaaa", "alice\nwith a newline, é and 🦀", false);
    private static final Grant BOB = new Grant("t_bbbb", "bob", true);

    @Test
    void aTicketIsRedeemedOnceOnAnyNodeWithItsGrant() throws Exception {
        String ticket = a.issue(ALICE, LONG);
        assertEquals(Optional.of(ALICE), b.redeem(ticket));
        assertEquals(Optional.empty(), a.redeem(ticket));
        assertEquals(Optional.empty(), b.redeem(ticket));
        String unlimited = b.issue(BOB, LONG);
        assertEquals(Optional.of(BOB), a.redeem(unlimited));
    }

    @Test
    void unknownEmptyAndMissingTicketsRedeemNothing() throws Exception {
        a.issue(ALICE, LONG);
        assertEquals(Optional.empty(), b.redeem(SecretFormat.ticket()));
        assertEquals(Optional.empty(), b.redeem(""));
        assertEquals(Optional.empty(), b.redeem(null));
    }

    @Test
    void ticketsAre256RandomBitsUrlSafe() throws Exception {
        String first = a.issue(ALICE, LONG);
        String second = a.issue(ALICE, LONG);
        assertTrue(first.matches("[A-Za-z0-9_-]{43}"), first);
        assertNotEquals(first, second);
    }

    @Test
    void ofConcurrentRedemptionsOnEveryNodeExactlyOneGetsTheGrant() throws Exception {
        for (int round = 0; round < 10; round++) {
            String ticket = a.issue(ALICE, LONG);
            List<Optional<Grant>> tries = Race.run(8, i -> () -> deployment.either(i).redeem(ticket));
            assertEquals(List.of(ALICE), tries.stream().flatMap(Optional::stream).toList(), "round " + round);
        }
    }

    @Test
    void aTicketIsRefusedOnceItsLifetimeHasPassed() throws Exception {
        Duration lifetime = Duration.ofMillis(50);
        String shortLived = a.issue(ALICE, lifetime);
        long issued = System.nanoTime();
        String longLived = a.issue(ALICE, LONG);
        // a millisecond more: a store may count its time in whole milliseconds
        long over = issued + lifetime.plusMillis(2).toNanos();
        Await.until("the ticket's lifetime to pass", Duration.ofSeconds(10), () -> System.nanoTime() - over > 0);
        assertEquals(Optional.empty(), b.redeem(shortLived));
        assertEquals(Optional.of(ALICE), b.redeem(longLived), "each ticket has its own lifetime");
    }

    @Test
    void revokingATokensTicketsOnOneNodeRefusesThemOnEveryNode() throws Exception {
        String first = a.issue(ALICE, LONG);
        String second = b.issue(ALICE, LONG);
        String other = a.issue(BOB, LONG);
        b.revokeAll(ALICE.tokenId());
        assertEquals(Optional.empty(), a.redeem(first));
        assertEquals(Optional.empty(), a.redeem(second));
        assertEquals(Optional.of(BOB), a.redeem(other), "other tokens' tickets live on");
        b.revokeAll("t_unknown");
    }

    @Test
    void aTicketNeedsAGrantAndALifetime() {
        assertThrows(NullPointerException.class, () -> a.issue(null, LONG));
        assertThrows(IllegalArgumentException.class, () -> a.issue(ALICE, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> a.issue(ALICE, Duration.ofSeconds(-1)));
    }
}
