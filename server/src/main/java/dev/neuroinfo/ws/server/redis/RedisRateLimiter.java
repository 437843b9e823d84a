package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.limits.RateLimiter;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code limit} admissions per key within any window of the given length, counted across
 * every node: a true sliding window like {@code SlidingWindowRateLimiter}'s, kept as a ZSET
 * {@code neuroinfo:rate:<name>:<key>} of admission times (Redis time). One script drops the
 * admissions that left the window, then admits and records, or answers how long until the oldest
 * leaves. Refused requests are not recorded, so Retry-After stays truthful. Redis being
 * unreachable throws a {@code RedisException}.
 */
final class RedisRateLimiter implements RateLimiter {
    private static final LuaScript TRY_ACQUIRE = new LuaScript(LuaScript.NOW_MS + """
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
                redis.call('ZADD', KEYS[1], now, ARGV[3])
                redis.call('PEXPIRE', KEYS[1], window)
                return 0
            end
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            local wait = tonumber(oldest[2]) + window - now
            return math.max(1, math.ceil(wait / 1000))
            """, ScriptOutputType.INTEGER);

    private final RedisLink redis;
    private final String name;
    private final String limit;
    private final String windowMillis;
    private final String nodeId;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param name   which limiter, part of its keys (e.g. {@code ticket})
     * @param nodeId this node, to keep admission records of different nodes apart
     */
    RedisRateLimiter(RedisLink redis, String name, int limit, Duration window, String nodeId) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.redis = redis;
        this.name = name;
        this.limit = Integer.toString(limit);
        this.windowMillis = Long.toString(window.toMillis());
        this.nodeId = nodeId;
    }

    @Override
    public long tryAcquire(String key) {
        Long wait = TRY_ACQUIRE.run(redis.sync(), new String[] {RedisKeys.rate(name, key)}, limit, windowMillis,
                nodeId + ":" + sequence.incrementAndGet());
        return wait;
    }
}
