package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.server.ConnectionControl;
import dev.neuroinfo.ws.server.Recovery;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TicketStore;
import dev.neuroinfo.ws.server.auth.TokenStore;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.events.Broadcaster;
import dev.neuroinfo.ws.server.events.EventPublisher;
import dev.neuroinfo.ws.server.limits.ConnectionSlots;
import dev.neuroinfo.ws.server.limits.RateLimiter;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import dev.neuroinfo.ws.server.ws.ConnectionRegistry;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.security.SecureRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A node's share of a cluster: the server's seams backed by one Redis that every node uses, so
 * that nodes behind a load balancer act as one server. Built once per node when the
 * configuration names a Redis; closing it frees this node's connection slots and disconnects.
 */
public final class RedisBackplane implements AutoCloseable {
    private final RedisLink redis;
    private final String nodeId;
    private final ScheduledExecutorService timer;
    private final RedisTokenStore tokens;
    private final RedisTicketStore tickets;
    private final RedisConnectionSlots slots;
    private final RedisRateLimiter ticketRateLimiter;
    private final RedisEventPublisher publisher;
    private final RedisEventFeed feed;
    private final RedisConnectionControl connections;
    private final Recovery recovery;

    private RedisBackplane(RedisLink redis, ServerConfig config, MessageCodec codec, Broadcaster broadcaster,
            ConnectionRegistry local, int slotLimit) {
        this.redis = redis;
        this.nodeId = newNodeId();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "neuroinfo-redis-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.tokens = new RedisTokenStore(redis);
        this.tickets = new RedisTicketStore(redis);
        this.slots = new RedisConnectionSlots(redis, slotLimit, nodeId, timer);
        this.ticketRateLimiter = new RedisRateLimiter(redis, "ticket", config.ticketRequestsPerMinute(),
                Limits.TICKET_RATE_WINDOW, nodeId);
        this.publisher = new RedisEventPublisher(redis, codec, timer, config.streamUpdateInterval(),
                Clock.systemUTC(), nodeId, config.recovery());
        this.feed = new RedisEventFeed(redis, codec, broadcaster, local);
        this.connections = new RedisConnectionControl(redis, local);
        this.recovery = config.recovery().enabled()
                ? new Recovery(new RedisEventHistory(redis, codec, config.recovery(), Clock.systemUTC()),
                        new RedisRateLimiter(redis, "events", config.ticketRequestsPerMinute(), Limits.TICKET_RATE_WINDOW,
                                nodeId))
                : null;
        new RevocationSweep(redis, local, timer);
    }

    /**
     * Connects this node to the cluster's Redis ({@link ServerConfig#redisUri()}).
     *
     * @param broadcaster where events published on any node are handed to this node's subscribers
     * @param local       this node's connections, closed when their token is revoked on any node
     * @param slotLimit   the per-user connection limit, cluster-wide
     * @param metrics     where Redis command timings and failures are counted
     * @throws StoreException when the URI is malformed or Redis cannot be reached at start
     */
    public static RedisBackplane connect(ServerConfig config, MessageCodec codec, Broadcaster broadcaster,
            ConnectionRegistry local, int slotLimit, ServerMetrics metrics) throws StoreException {
        RedisLink redis = RedisLink.connect(config.redisUri(), metrics);
        try {
            return new RedisBackplane(redis, config, codec, broadcaster, local, slotLimit);
        } catch (RedisException e) {
            redis.close();
            throw new StoreException("Cannot use Redis at " + redis.where() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Claims the one-time creation of the first tokens for this node; of nodes starting at once on
     * an empty Redis exactly one wins.
     */
    public boolean claimBootstrap() throws StoreException {
        try {
            return "OK".equals(redis.sync().set(RedisKeys.BOOTSTRAPPED, nodeId, SetArgs.Builder.nx()));
        } catch (RedisException e) {
            throw redis.failure("record the first start", e);
        }
    }

    public TokenStore tokens() {
        return tokens;
    }

    public TicketStore tickets() {
        return tickets;
    }

    public ConnectionSlots slots() {
        return slots;
    }

    public RateLimiter ticketRateLimiter() {
        return ticketRateLimiter;
    }

    public EventPublisher publisher() {
        return publisher;
    }

    /** Connection control across the cluster: revoking a token closes its connections on every node. */
    public ConnectionControl connections() {
        return connections;
    }

    /** The recovery extension's seams backed by this Redis, when it is on. */
    public Optional<Recovery> recovery() {
        return Optional.ofNullable(recovery);
    }

    /** Whether Redis answers now, for the readiness probe. */
    public boolean reachable() {
        return redis.reachable();
    }

    /** {@code host:port} of the Redis, for the operator. */
    public String where() {
        return redis.where();
    }

    /** Stops reading events, gives back this node's slots and disconnects, and waits for its timer thread to end. */
    @Override
    public void close() {
        timer.shutdownNow();
        feed.close();
        slots.close();
        redis.close();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String newNodeId() {
        byte[] raw = new byte[6];
        new SecureRandom().nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
