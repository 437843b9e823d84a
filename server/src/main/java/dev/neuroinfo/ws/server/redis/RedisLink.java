package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;

/**
 * One node's link to Redis: a Lettuce client with one shared connection for commands (Lettuce
 * multiplexes every thread's commands over it) and, on request, dedicated connections for
 * blocking reads. Lettuce reconnects by itself; while it is disconnected commands fail at once
 * instead of queueing, so a handshake or a ticket request gets its error answer immediately
 * rather than hanging, and the node serves again as soon as Redis is back.
 */
final class RedisLink implements AutoCloseable {
    /** Longest wait for one Redis answer before the caller gets an error. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Longest wait for a connection, its TCP connect and Lettuce's setup commands together. Longer
     * than a command's: the first connection of a process also loads and starts Lettuce and Netty,
     * which on a busy host took over 2 s, and a node that cannot connect at start does not start.
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Reconnect attempts back off up to this, so a returning Redis is used again within it. */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    /** Longest wait for Redis's answer to a readiness probe. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(RedisLink.class.getName());

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String where;
    private final Disposable connectionEvents;
    private final AtomicBoolean closing;
    private final List<StatefulRedisConnection<String, String>> dedicated = new CopyOnWriteArrayList<>();

    private RedisLink(ClientResources resources, RedisClient client, StatefulRedisConnection<String, String> connection,
            String where, Disposable connectionEvents, AtomicBoolean closing) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.where = where;
        this.connectionEvents = connectionEvents;
        this.closing = closing;
    }

    /**
     * Connects to the Redis at {@code uri} ({@code redis://HOST:PORT}, optionally with a password
     * and a database number as Lettuce's URI syntax allows).
     *
     * @throws StoreException when the URI is malformed or Redis cannot be reached now
     */
    static RedisLink connect(String uri, ServerMetrics metrics) throws StoreException {
        RedisURI redisUri;
        try {
            redisUri = RedisURI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new StoreException("Not a Redis URI (expected redis://HOST:PORT): " + e.getMessage(), e);
        }
        redisUri.setTimeout(CONNECT_TIMEOUT);
        // Host and port only: the URI may carry a password, which must not reach a log.
        String where = redisUri.getHost() + ":" + redisUri.getPort();
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources, redisUri);
        client.addListener(new RedisCommandMetrics(metrics));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled())
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
                .build());
        AtomicBoolean closing = new AtomicBoolean();
        Disposable events = resources.eventBus().get().subscribe(event -> {
            if (closing.get()) {
                return;
            }
            if (event instanceof ConnectionDeactivatedEvent) {
                LOG.log(Level.WARNING, "lost the connection to Redis at " + where + "; reconnecting");
            } else if (event instanceof ConnectionActivatedEvent) {
                LOG.log(Level.INFO, "connected to Redis at " + where);
            }
        });
        try {
            StatefulRedisConnection<String, String> shared = client.connect();
            shared.setTimeout(COMMAND_TIMEOUT);
            return new RedisLink(resources, client, shared, where, events, closing);
        } catch (RedisException e) {
            events.dispose();
            client.shutdown();
            resources.shutdown();
            throw new StoreException("Cannot reach Redis at " + where + ": " + e.getMessage(), e);
        }
    }

    /** Blocking commands on the shared connection; each waits at most {@link #COMMAND_TIMEOUT}. */
    RedisCommands<String, String> sync() {
        return connection.sync();
    }

    /**
     * Commands that return at once, on the same connection as {@link #sync()}: Redis runs every
     * command of one connection in the order it was sent.
     */
    RedisAsyncCommands<String, String> async() {
        return connection.async();
    }

    /**
     * A connection of its own for a blocking read, waiting at most {@code timeout} per command;
     * closed with this link.
     */
    StatefulRedisConnection<String, String> dedicated(Duration timeout) {
        StatefulRedisConnection<String, String> connection = client.connect();
        connection.setTimeout(timeout);
        dedicated.add(connection);
        return connection;
    }

    /** Whether Redis answers a PING within {@link #PROBE_TIMEOUT}. */
    boolean reachable() {
        try {
            return "PONG".equals(connection.async().ping().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RedisException e) {
            return false;
        }
    }

    /** {@code host:port} of the Redis, for messages. */
    String where() {
        return where;
    }

    /** A store failure naming this Redis and what could not be done, e.g. "look up a token". */
    StoreException failure(String what, RedisException e) {
        return new StoreException("Redis at " + where + " could not " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        closing.set(true);
        connectionEvents.dispose();
        dedicated.forEach(StatefulRedisConnection::close);
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        // Lettuce only starts stopping its event loops here; an embedding application that starts
        // and stops the server must not find their threads (nor the Netty global executor thread
        // this shutdown wakes, which ends a second after its last task) still there after close.
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        try {
            GlobalEventExecutor.INSTANCE.awaitInactivity(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
