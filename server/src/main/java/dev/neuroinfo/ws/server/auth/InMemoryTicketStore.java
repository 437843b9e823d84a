package dev.neuroinfo.ws.server.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Tickets of a single node, in memory. A ticket is 256 random bits in URL-safe base64. Redemption
 * is one {@link ConcurrentHashMap#remove} call, so of any number of simultaneous redemptions of
 * the same ticket exactly one gets the grant, and a redeemed ticket is gone whatever the caller
 * does next. Expired tickets are purged while issuing, at most once per second, so memory stays
 * bounded by the tickets issued within one lifetime.
 */
public final class InMemoryTicketStore implements TicketStore {
    private static final long PURGE_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final Map<String, Issued> tickets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final IntConsumer expired;
    private final AtomicLong nextPurge;

    /**
     * A store on the system's monotonic clock.
     *
     * @param expired told how many tickets were found expired without having been redeemed
     */
    public InMemoryTicketStore(IntConsumer expired) {
        this(System::nanoTime, expired);
    }

    /** A store on the given monotonic nanosecond clock, for tests. */
    InMemoryTicketStore(LongSupplier nanoClock, IntConsumer expired) {
        this.nanoClock = nanoClock;
        this.expired = expired;
        this.nextPurge = new AtomicLong(nanoClock.getAsLong() + PURGE_INTERVAL_NANOS);
    }

    @Override
    public String issue(Grant grant, Duration ttl) {
        Objects.requireNonNull(grant, "grant");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ticket lifetime must be positive: " + ttl);
        }
        long now = nanoClock.getAsLong();
        purgeIfDue(now);
        String ticket = SecretFormat.ticket();
        tickets.put(ticket, new Issued(grant, now + ttl.toNanos()));
        return ticket;
    }

    @Override
    public Optional<Grant> redeem(String ticket) {
        if (ticket == null || ticket.isEmpty()) {
            return Optional.empty();
        }
        Issued issued = tickets.remove(ticket);
        if (issued == null) {
            return Optional.empty();
        }
        if (issued.expiredAt(nanoClock.getAsLong())) {
            expired.accept(1);
            return Optional.empty();
        }
        return Optional.of(issued.grant);
    }

    @Override
    public void revokeAll(String tokenId) {
        tickets.values().removeIf(issued -> issued.grant.tokenId().equals(tokenId));
    }

    @Override
    public boolean answersFromMemory() {
        return true;
    }

    /** How many tickets are held now, expired ones not yet purged included. */
    int size() {
        return tickets.size();
    }

    private void purgeIfDue(long now) {
        long due = nextPurge.get();
        // Only the caller that advances the deadline purges; the others go on issuing.
        if (now - due >= 0 && nextPurge.compareAndSet(due, now + PURGE_INTERVAL_NANOS)) {
            int purged = 0;
            for (Map.Entry<String, Issued> entry : tickets.entrySet()) {
                // a conditional remove: a ticket redeemed meanwhile is the redeemer's to count
                if (entry.getValue().expiredAt(now) && tickets.remove(entry.getKey(), entry.getValue())) {
                    purged++;
                }
            }
            if (purged > 0) {
                expired.accept(purged);
            }
        }
    }

    /** A ticket's grant and the monotonic instant it stops being valid. */
    private record Issued(Grant grant, long expiresAtNanos) {
        boolean expiredAt(long now) {
            return now - expiresAtNanos >= 0;
        }
    }
}
