package dev.neuroinfo.ws.server.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} admitted requests per key within any window of the given length (a true
 * sliding window, not fixed buckets). Each key keeps the instants of its last {@code limit}
 * admissions in a ring: a request fits when the oldest of them has left the window. Refused
 * requests are not recorded, so the Retry-After answer stays truthful.
 *
 * <p>Each key has its own lock; requests for different keys never wait for each other.
 */
public final class SlidingWindowRateLimiter implements RateLimiter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    /** A limiter of {@code limit} requests per {@code window} on the system's monotonic clock. */
    public SlidingWindowRateLimiter(int limit, Duration window) {
        this(limit, window, System::nanoTime);
    }

    /** A limiter on the given monotonic nanosecond clock, for tests. */
    SlidingWindowRateLimiter(int limit, Duration window, LongSupplier nanoClock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public boolean answersFromMemory() {
        return true;
    }

    @Override
    public long tryAcquire(String key) {
        Ring ring = rings.computeIfAbsent(key, k -> new Ring(limit));
        synchronized (ring) {
            long now = nanoClock.getAsLong();
            if (ring.count < limit) {
                ring.admit(now);
                return 0;
            }
            long oldest = ring.oldest();
            long waitNanos = oldest + windowNanos - now;
            if (waitNanos <= 0) {
                ring.admit(now);
                return 0;
            }
            return Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        }
    }

    /** The admission instants of one key; guarded by its own monitor. */
    private static final class Ring {
        private final long[] admitted;
        private int next;
        private int count;

        Ring(int limit) {
            admitted = new long[limit];
        }

        /** The oldest recorded admission; once full, it is the slot written next. */
        long oldest() {
            return admitted[next];
        }

        void admit(long now) {
            admitted[next] = now;
            next = (next + 1) % admitted.length;
            if (count < admitted.length) {
                count++;
            }
        }
    }
}
