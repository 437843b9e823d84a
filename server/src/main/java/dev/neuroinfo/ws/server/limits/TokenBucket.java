package dev.neuroinfo.ws.server.limits;

/**
 * A rate with a burst, for one connection: up to {@code burst} events at once, then
 * {@code perSecond} on average. Integer arithmetic in nanoseconds, no clock thread. Thread-safe.
 */
public final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long capacityNanos;
    private final long nanosPerEvent;
    // how far ahead of now the bucket's debt reaches; an event is refused when it would exceed the capacity
    private long debtUntilNanos;

    /**
     * @param burst     events allowed at once (at least 1)
     * @param perSecond events allowed per second once the burst is spent (at least 1)
     */
    public TokenBucket(int burst, int perSecond) {
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("burst and rate must be positive");
        }
        this.nanosPerEvent = NANOS_PER_SECOND / perSecond;
        this.capacityNanos = nanosPerEvent * burst;
        this.debtUntilNanos = System.nanoTime() - capacityNanos;
    }

    /** Counts one event; false when it is over the rate. */
    public synchronized boolean tryTake() {
        long now = System.nanoTime();
        long start = Math.max(debtUntilNanos, now - capacityNanos);
        long next = start + nanosPerEvent;
        if (next - now > 0) {
            return false;
        }
        debtUntilNanos = next;
        return true;
    }
}
