package dev.neuroinfo.ws.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.Race;
import dev.neuroinfo.ws.server.TwoNodes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} does (LIM-8, REC-8), as the ticket and recovery endpoints rely on
 * it, run against each implementation by a subclass: at most N admissions per key in any window,
 * counted over every node, a truthful Retry-After, and a window that slides rather than resets.
 */
public abstract class RateLimiterContract {
    /** A fresh limiter admitting {@code limit} requests per key within {@code window}, as two nodes see it. */
    protected abstract TwoNodes<RateLimiter> limiters(int limit, Duration window) throws Exception;

    @Test
    void theLimitIsCountedPerKeyOverEveryNode() throws Exception {
        TwoNodes<RateLimiter> nodes = limiters(3, Duration.ofMinutes(1));
        assertEquals(0, nodes.first().tryAcquire("alice"));
        assertEquals(0, nodes.second().tryAcquire("alice"));
        assertEquals(0, nodes.first().tryAcquire("alice"));
        long retryAfter = nodes.second().tryAcquire("alice");
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After within the window: " + retryAfter);
        assertTrue(nodes.first().tryAcquire("alice") >= 1);
        assertEquals(0, nodes.second().tryAcquire("bob"), "keys are counted apart");
    }

    @Test
    void theWindowSlidesAndRefusalsDoNotCount() throws Exception {
        TwoNodes<RateLimiter> nodes = limiters(2, Duration.ofSeconds(1));
        assertEquals(0, nodes.first().tryAcquire("alice"));
        assertEquals(0, nodes.second().tryAcquire("alice"));
        assertEquals(1, nodes.first().tryAcquire("alice"), "whole seconds, at least 1, at most the window");
        // every refused try of this poll counted would keep the window full for ever
        Await.until("the window to slide", Duration.ofSeconds(10), () -> nodes.second().tryAcquire("alice") == 0);
    }

    @Test
    void concurrentRequestsOnEveryNodeNeverExceedTheLimit() throws Exception {
        TwoNodes<RateLimiter> nodes = limiters(100, Duration.ofMinutes(1));
        List<Integer> admitted = Race.run(8, t -> () -> {
            int count = 0;
            for (int i = 0; i < 25; i++) {
                count += nodes.either(t).tryAcquire("shared") == 0 ? 1 : 0;
            }
            return count;
        });
        assertEquals(100, admitted.stream().mapToInt(Integer::intValue).sum());
    }
}
