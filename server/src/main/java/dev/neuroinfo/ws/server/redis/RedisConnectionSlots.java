package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.limits.ConnectionSlots;
import dev.neuroinfo.ws.server.limits.SlotLease;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-user connection limit across every node. Each user has a ZSET
 * {@code neuroinfo:slots:<user>} whose members are the leases held anywhere in the cluster, each
 * scored by the Redis time at which it expires. Taking a slot is one script that drops expired
 * leases, counts the rest and adds the new one, so concurrent handshakes on any nodes never
 * exceed the limit.
 *
 * <p>A node renews the expiry of every lease it holds every {@link #HEARTBEAT}; a node that dies
 * stops renewing, and its leases expire within {@link #LEASE}, giving its users' slots back. A
 * heartbeat also puts back leases Redis lost (a Redis restarted without its data), because the
 * connections they stand for are still open.
 *
 * <p>Releasing never waits for Redis: a connection is often closed by the thread of a fan-out (a
 * slow consumer), and that fan-out must not wait while Redis is slow or down. A release stops
 * renewing its lease and sends its removal without waiting; a removal that fails is sent again
 * with each heartbeat until it succeeds or the lease has expired by itself (after {@link #LEASE}
 * without renewal), so the slot is freed either way.
 */
final class RedisConnectionSlots implements ConnectionSlots, AutoCloseable {
    /** How long a lease outlives its node's last heartbeat. */
    static final Duration LEASE = Duration.ofSeconds(6);
    /** How often a node renews its leases: three chances before one expires. */
    static final Duration HEARTBEAT = LEASE.dividedBy(3);

    private static final System.Logger LOG = System.getLogger(RedisConnectionSlots.class.getName());
    private static final int RENEW_BATCH = 500;

    private static final LuaScript ACQUIRE = new LuaScript(LuaScript.NOW_MS + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """, ScriptOutputType.INTEGER);

    private static final LuaScript HELD = new LuaScript(LuaScript.NOW_MS + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            return redis.call('ZCARD', KEYS[1])
            """, ScriptOutputType.INTEGER);

    /** KEYS: one user key per lease; ARGV[1]: lease ms, ARGV[i + 1]: the lease of KEYS[i]. */
    private static final LuaScript RENEW = new LuaScript(LuaScript.NOW_MS + """
            local expiry = now + tonumber(ARGV[1])
            for i, key in ipairs(KEYS) do
                redis.call('ZADD', key, expiry, ARGV[i + 1])
                redis.call('PEXPIRE', key, ARGV[1])
            end
            return #KEYS
            """, ScriptOutputType.INTEGER);

    private final RedisLink redis;
    private final int limit;
    private final String nodeId;
    private final AtomicLong sequence = new AtomicLong();
    /** Leases this node holds: lease id to user. */
    private final Map<String, String> held = new ConcurrentHashMap<>();
    /**
     * Orders a renewal against releases: a renewal sends its script while holding it and a release
     * forgets the lease and sends its ZREM while holding it, and both go over one connection that
     * Redis serves in order, so a renewal can never put back a lease released just before.
     */
    private final Object order = new Object();
    private final AtomicBoolean renewalFailing = new AtomicBoolean();
    /** Released leases whose removal failed: lease id to the release, retried with each heartbeat. */
    private final Map<String, Release> unreleased = new ConcurrentHashMap<>();

    /** A lease given back, and when it has expired in Redis anyway. */
    private record Release(String user, long expiredAtNanos) {
    }

    RedisConnectionSlots(RedisLink redis, int limit, String nodeId, ScheduledExecutorService timer) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.redis = redis;
        this.limit = limit;
        this.nodeId = nodeId;
        long period = HEARTBEAT.toMillis();
        timer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** {@inheritDoc} Redis being unreachable throws a {@link RedisException}. */
    @Override
    public Optional<SlotLease> acquire(String user) {
        Objects.requireNonNull(user, "user");
        String leaseId = nodeId + ":" + sequence.incrementAndGet();
        Long taken = ACQUIRE.run(redis.sync(), new String[] {RedisKeys.slots(user)}, leaseId, Integer.toString(limit),
                Long.toString(LEASE.toMillis()));
        if (taken != 1) {
            return Optional.empty();
        }
        held.put(leaseId, user);
        return Optional.of(new Lease(leaseId, user));
    }

    @Override
    public int held(String user) {
        Long count = HELD.run(redis.sync(), new String[] {RedisKeys.slots(user)});
        return count.intValue();
    }

    /** Renews every lease this node holds; a failure is retried at the next heartbeat. */
    private void renew() {
        try {
            List<String> keys = new ArrayList<>();
            List<String> args = new ArrayList<>();
            synchronized (order) {
                unreleased.forEach(this::remove);
                for (Map.Entry<String, String> lease : held.entrySet()) {
                    keys.add(RedisKeys.slots(lease.getValue()));
                    args.add(lease.getKey());
                    if (keys.size() == RENEW_BATCH) {
                        send(keys, args);
                    }
                }
                if (!keys.isEmpty()) {
                    send(keys, args);
                }
            }
        } catch (RuntimeException e) {
            noteRenewal(e);
        }
    }

    /**
     * Sends the removal of a released lease without waiting; the caller holds {@link #order}, so a
     * renewal sent before cannot put the lease back after it. A failed removal is kept for the next
     * heartbeat, unless the lease has expired by then anyway.
     */
    private void remove(String leaseId, Release release) {
        if (System.nanoTime() - release.expiredAtNanos() > 0) {
            unreleased.remove(leaseId);
            return;
        }
        try {
            redis.async().zrem(RedisKeys.slots(release.user()), leaseId).whenComplete((removed, failure) -> {
                if (failure == null) {
                    unreleased.remove(leaseId);
                } else {
                    retryLater(leaseId, release, failure);
                }
            });
        } catch (RuntimeException e) {
            retryLater(leaseId, release, e);
        }
    }

    private void retryLater(String leaseId, Release release, Throwable failure) {
        LOG.log(Level.DEBUG, "slot release to be retried: " + failure.getMessage());
        unreleased.put(leaseId, release);
    }

    /** Logs when renewals start failing and when they work again, not every failed round. */
    private void noteRenewal(Throwable failure) {
        if (failure == null) {
            if (renewalFailing.compareAndSet(true, false)) {
                LOG.log(Level.INFO, "connection slot leases renewed in Redis again");
            }
        } else if (renewalFailing.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "cannot renew connection slot leases in Redis: " + failure.getMessage());
        }
    }

    /** Sends one batch of renewals without waiting for the answer, and empties the batch. */
    private void send(List<String> keys, List<String> leases) {
        String[] argv = new String[leases.size() + 1];
        argv[0] = Long.toString(LEASE.toMillis());
        for (int i = 0; i < leases.size(); i++) {
            argv[i + 1] = leases.get(i);
        }
        redis.async().<Long>eval(RENEW.source(), RENEW.output(), keys.toArray(String[]::new), argv)
                .whenComplete((renewed, failure) -> noteRenewal(failure));
        keys.clear();
        leases.clear();
    }

    /**
     * Gives back every lease this node still holds and waits until Redis has applied them and every
     * earlier release (one connection, served in order), so that a node shut down cleanly frees its
     * users' slots at once rather than after {@link #LEASE}.
     */
    @Override
    public void close() {
        synchronized (order) {
            for (Map.Entry<String, String> lease : held.entrySet()) {
                redis.async().zrem(RedisKeys.slots(lease.getValue()), lease.getKey());
            }
            held.clear();
            unreleased.forEach((id, release) -> redis.async().zrem(RedisKeys.slots(release.user()), id));
            unreleased.clear();
        }
        try {
            redis.sync().ping();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "slots left to expire: " + e.getMessage());
        }
    }

    /** One slot; the first release frees it, later ones do nothing. */
    private final class Lease implements SlotLease {
        private final String id;
        private final String user;
        private final AtomicBoolean released = new AtomicBoolean();

        Lease(String id, String user) {
            this.id = id;
            this.user = user;
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                synchronized (order) {
                    held.remove(id);
                    remove(id, new Release(user, System.nanoTime() + LEASE.toNanos()));
                }
            }
        }
    }
}
