package dev.neuroinfo.ws.server.limits;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-user slot counters of a single node. Taking and freeing a slot is one atomic
 * {@link ConcurrentHashMap#compute} on the user's entry, so concurrent handshakes of one user can
 * never exceed the limit, and users never contend with each other. A user holding no slot has no
 * entry, so memory follows the users currently connected.
 */
public final class InMemoryConnectionSlots implements ConnectionSlots {
    private final int limit;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    /** Slots for at most {@code limit} connections per user. */
    public InMemoryConnectionSlots(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    @Override
    public Optional<SlotLease> acquire(String user) {
        Objects.requireNonNull(user, "user");
        boolean[] taken = {false};
        held.compute(user, (u, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0] ? Optional.of(new Lease(user)) : Optional.empty();
    }

    @Override
    public int held(String user) {
        return held.getOrDefault(user, 0);
    }

    @Override
    public boolean answersFromMemory() {
        return true;
    }

    /** The per-user limit. */
    public int limit() {
        return limit;
    }

    /** One slot of one user; the first release frees it, later ones do nothing. */
    private final class Lease implements SlotLease {
        private final String user;
        private final AtomicBoolean released = new AtomicBoolean();

        Lease(String user) {
            this.user = user;
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                held.computeIfPresent(user, (u, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
