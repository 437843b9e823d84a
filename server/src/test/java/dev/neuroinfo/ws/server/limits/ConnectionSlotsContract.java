package dev.neuroinfo.ws.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.Race;
import dev.neuroinfo.ws.server.TwoNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConnectionSlots} does (LIM-1, LIM-3, LIM-5), as the handshake and every way a
 * connection ends rely on it, run against each implementation by a subclass. Two nodes of one
 * deployment share the slots: the limit holds over both, whichever node the handshakes reach and
 * however they race. A release may reach the other nodes a little later (it never waits, so that
 * a fan-out closing a slow consumer is not held); the tests wait for it with a bound.
 */
public abstract class ConnectionSlotsContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Fresh slots for at most {@code limit} connections per user, as two nodes see them. */
    protected abstract TwoNodes<ConnectionSlots> slots(int limit) throws Exception;

    @Test
    void theLimitHoldsPerUserOverEveryNode() throws Exception {
        TwoNodes<ConnectionSlots> nodes = slots(5);
        for (int i = 0; i < 5; i++) {
            assertTrue(nodes.either(i).acquire("alice").isPresent(), "slot " + (i + 1));
        }
        assertEquals(Optional.empty(), nodes.first().acquire("alice"));
        assertEquals(Optional.empty(), nodes.second().acquire("alice"));
        assertEquals(5, nodes.first().held("alice"));
        assertEquals(5, nodes.second().held("alice"));
        assertTrue(nodes.second().acquire("bob").isPresent(), "users are counted apart");
        assertEquals(0, nodes.first().held("nobody"));
    }

    @Test
    void aReleasedSlotIsFreeOnEveryNodeForOneMoreConnection() throws Exception {
        TwoNodes<ConnectionSlots> nodes = slots(2);
        SlotLease released = nodes.first().acquire("alice").orElseThrow();
        nodes.second().acquire("alice").orElseThrow();
        released.release();
        Await.until("the released slot to be free on the other node", WAIT, () -> nodes.second().held("alice") == 1);
        assertTrue(nodes.second().acquire("alice").isPresent());
        assertEquals(Optional.empty(), nodes.first().acquire("alice"));
    }

    @Test
    void releasingOneLeaseTwiceOrConcurrentlyFreesOneSlot() throws Exception {
        TwoNodes<ConnectionSlots> nodes = slots(2);
        SlotLease lease = nodes.first().acquire("alice").orElseThrow();
        nodes.first().acquire("alice").orElseThrow();
        Race.run(4, i -> () -> {
            lease.release();
            return null;
        });
        lease.close();
        Await.until("the released slot to be free", WAIT, () -> nodes.second().held("alice") == 1);
        assertTrue(nodes.second().acquire("alice").isPresent(), "one slot came back");
        assertEquals(Optional.empty(), nodes.second().acquire("alice"), "and only one");
    }

    @Test
    void concurrentHandshakesOnEveryNodeNeverExceedTheLimit() throws Exception {
        TwoNodes<ConnectionSlots> nodes = slots(5);
        for (int round = 0; round < 10; round++) {
            String user = "racer" + round;
            List<Optional<SlotLease>> taken = Race.run(10, i -> () -> nodes.either(i).acquire(user));
            assertEquals(5, taken.stream().filter(Optional::isPresent).count(), "round " + round);
            assertEquals(5, nodes.first().held(user));
        }
    }

    @Test
    void aUserWhoReleasedEverySlotHoldsNone() throws Exception {
        TwoNodes<ConnectionSlots> nodes = slots(3);
        List<SlotLease> leases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            leases.add(nodes.either(i).acquire("alice").orElseThrow());
        }
        leases.forEach(SlotLease::release);
        Await.until("every slot to be free", WAIT, () -> nodes.first().held("alice") == 0);
        assertEquals(0, nodes.second().held("alice"));
    }

    @Test
    void aLimitOfZeroAdmitsNobody() throws Exception {
        TwoNodes<ConnectionSlots> nodes = slots(0);
        assertEquals(Optional.empty(), nodes.first().acquire("alice"));
        assertEquals(Optional.empty(), nodes.second().acquire("alice"));
        assertEquals(0, nodes.second().held("alice"));
    }
}
