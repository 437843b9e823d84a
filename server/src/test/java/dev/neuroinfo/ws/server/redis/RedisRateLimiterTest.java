package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.TwoNodes;
import dev.neuroinfo.ws.server.limits.RateLimiter;
import dev.neuroinfo.ws.server.limits.RateLimiterContract;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cluster's rate limiter: the contract, two nodes on one real Redis. */
class RedisRateLimiterTest extends RateLimiterContract {
    @RegisterExtension
    static final RedisNodes REDIS = new RedisNodes();

    @Override
    protected TwoNodes<RateLimiter> limiters(int limit, Duration window) {
        return REDIS.each((link, node) -> new RedisRateLimiter(link, "test", limit, window, node));
    }
}
