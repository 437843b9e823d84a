package dev.neuroinfo.ws.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.server.TwoNodes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate limiter of a single node: the contract, and exact Retry-After values on a clock of the test's. */
class SlidingWindowRateLimiterTest extends RateLimiterContract {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(100, Duration.ofMinutes(1), now::get);

    @Override
    protected TwoNodes<RateLimiter> limiters(int limit, Duration window) {
        return TwoNodes.alone(new SlidingWindowRateLimiter(limit, window));
    }

    @Test
    void hundredPassAndTheNextIsRefusedWithRetryAfter() {
        for (int i = 0; i < 100; i++) {
            assertEquals(0, limiter.tryAcquire("t1"), "request " + (i + 1));
        }
        assertEquals(60, limiter.tryAcquire("t1"));
        assertEquals(0, limiter.tryAcquire("t2"), "keys are independent");
    }

    @Test
    void windowSlidesInsteadOfResettingInBuckets() {
        for (int i = 0; i < 50; i++) {
            limiter.tryAcquire("t");
        }
        now.addAndGet(30 * SECOND);
        for (int i = 0; i < 50; i++) {
            assertEquals(0, limiter.tryAcquire("t"));
        }
        assertEquals(30, limiter.tryAcquire("t"));
        now.addAndGet(30 * SECOND - 1);
        assertEquals(1, limiter.tryAcquire("t"), "Retry-After is at least 1");
        now.addAndGet(1);
        for (int i = 0; i < 50; i++) {
            assertEquals(0, limiter.tryAcquire("t"), "the first 50 have left the window");
        }
        assertEquals(30, limiter.tryAcquire("t"));
    }

    @Test
    void refusedRequestsAreNotCounted() {
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("t");
        }
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("t");
        }
        now.addAndGet(60 * SECOND);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, limiter.tryAcquire("t"), "after a quiet minute all 100 fit");
        }
    }

    @Test
    void retryAfterRoundsUp() {
        SlidingWindowRateLimiter one = new SlidingWindowRateLimiter(1, Duration.ofSeconds(10), now::get);
        assertEquals(0, one.tryAcquire("k"));
        now.addAndGet(SECOND / 2);
        assertEquals(10, one.tryAcquire("k"));
    }
}
