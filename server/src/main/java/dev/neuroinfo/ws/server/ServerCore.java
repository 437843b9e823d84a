package dev.neuroinfo.ws.server;

import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.server.auth.FileTokenStore;
import dev.neuroinfo.ws.server.auth.InMemoryTicketStore;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenStore;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.events.Broadcaster;
import dev.neuroinfo.ws.server.events.EventJournal;
import dev.neuroinfo.ws.server.events.FileEventHistory;
import dev.neuroinfo.ws.server.events.ThrottledPublisher;
import dev.neuroinfo.ws.server.limits.InMemoryConnectionSlots;
import dev.neuroinfo.ws.server.limits.SlidingWindowRateLimiter;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import dev.neuroinfo.ws.server.redis.RedisBackplane;
import dev.neuroinfo.ws.server.ws.ConnectionRegistry;
import dev.neuroinfo.ws.server.ws.WebSocketCore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server without its listeners: one per process, whatever hosts it ({@link
 * dev.neuroinfo.ws.server.embedded.EmbeddedServer} on its own ports, {@link
 * dev.neuroinfo.ws.server.servlet.NeuroInfoWebApp} in a servlet container). It owns everything that
 * lives as long as the server and must be closed with it: the data directory's lock, the state
 * backends chosen from the configuration ({@link StateBackends}), this node's fan-out ({@link
 * Broadcaster}) and its throttle timer, the Redis link in a cluster, and the {@link WebSocketCore}.
 * It hands out what the handlers use as {@link SharedServices}. It owns no socket, port, thread pool
 * of a container, HTTP resource or endpoint instance: the host binds those and closes them around
 * {@link #close()}.
 *
 * <p>Alone, tokens live in the data directory and the rest in memory; with a Redis configured every
 * backend is that Redis, shared with the other nodes of the cluster. On a first start (no tokens
 * yet; in a cluster, the one node that claims it) it creates an admin token and an API token and
 * keeps the admin token in {@code admin.token} (mode 0600) for the CLI. It holds its data directory
 * locked until closed: a second server on the same directory refuses to start.
 */
public final class ServerCore implements AutoCloseable {
    /** File in the data directory holding the bootstrap admin token, readable by its owner only. */
    public static final String ADMIN_TOKEN_FILE = "admin.token";

    private final ServerMetrics metrics;
    private final SharedServices services;
    private final ConnectionRegistry registry;
    private final WebSocketCore webSocket;
    private final Broadcaster broadcaster;
    private final ScheduledExecutorService throttleTimer;
    private final RedisBackplane backplane;
    private final BootstrapTokens bootstrap;
    private final DataDirectoryLock dataDirectoryLock;
    private volatile boolean closing;

    /**
     * The tokens made on a first start, to show the operator once.
     *
     * @param admin the admin token
     * @param api   an API token for user {@code demo}
     */
    public record BootstrapTokens(IssuedToken admin, IssuedToken api) {
    }

    private ServerCore(ServerConfig config, StateBackends.Override override) throws StoreException {
        // first of all, so that a second server on the directory changes nothing, not even the first start
        dataDirectoryLock = DataDirectoryLock.acquire(config.dataDir());
        int limit = config.maxConnectionsPerUser();
        MessageCodec codec = new MessageCodec();
        metrics = new ServerMetrics();
        registry = new ConnectionRegistry(metrics);
        // Alone, this node numbers the events as it sends them; in a cluster Redis does (REC-11).
        FileEventHistory localHistory;
        try {
            localHistory = config.recovery().enabled() && !config.clustered()
                    ? FileEventHistory.open(config.dataDir(), codec, config.recovery(), Clock.systemUTC()) : null;
        } catch (StoreException | RuntimeException e) {
            dataDirectoryLock.close();
            throw e;
        }
        broadcaster = new Broadcaster(codec, registry, metrics, localHistory != null ? localHistory : EventJournal.NONE);
        throttleTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "neuroinfo-throttle");
            thread.setDaemon(true);
            return thread;
        });
        RedisBackplane cluster = null;
        try {
            if (config.clustered()) {
                cluster = RedisBackplane.connect(config, codec, broadcaster, registry, limit, metrics);
            }
            backplane = cluster;
            StateBackends backends = override.apply(cluster != null ? clusterBackends(cluster) : localBackends(config, limit), broadcaster);
            bootstrap = backends.tokens().list().isEmpty() && (cluster == null || cluster.claimBootstrap())
                    ? bootstrap(backends.tokens(), config.dataDir()) : null;
            services = new SharedServices(config, codec, backends.tokens(), backends.tickets(), backends.slots(),
                    backends.ticketRateLimiter(), backends.publisher(), cluster != null ? cluster.connections() : registry,
                    metrics, this::blocker, cluster != null ? cluster.recovery() : recovery(config, localHistory));
        } catch (StoreException | RuntimeException e) {
            close(cluster);
            throttleTimer.shutdownNow();
            broadcaster.close();
            dataDirectoryLock.close();
            throw e;
        }
        webSocket = new WebSocketCore(services, registry);
    }

    private static StateBackends clusterBackends(RedisBackplane cluster) {
        return new StateBackends(cluster.tokens(), cluster.tickets(), cluster.slots(), cluster.ticketRateLimiter(),
                cluster.publisher());
    }

    private StateBackends localBackends(ServerConfig config, int limit) throws StoreException {
        return new StateBackends(FileTokenStore.open(config.dataDir()), new InMemoryTicketStore(metrics::ticketsExpired), new InMemoryConnectionSlots(limit),
                new SlidingWindowRateLimiter(config.ticketRequestsPerMinute(), Limits.TICKET_RATE_WINDOW),
                new ThrottledPublisher(broadcaster, throttleTimer, config.streamUpdateInterval(),
                        Clock.systemUTC()));
    }

    /** The recovery extension's parts when it is on: the node's own history alone. */
    private static Optional<Recovery> recovery(ServerConfig config, FileEventHistory localHistory) {
        if (localHistory == null) {
            return Optional.empty();
        }
        return Optional.of(new Recovery(localHistory,
                new SlidingWindowRateLimiter(config.ticketRequestsPerMinute(), Limits.TICKET_RATE_WINDOW)));
    }

    private static void close(RedisBackplane backplane) {
        if (backplane != null) {
            backplane.close();
        }
    }

    /** Assembles a server from a configuration. */
    public static ServerCore assemble(ServerConfig config) throws StoreException {
        return assemble(config, StateBackends.Override.NONE);
    }

    /** Assembles a server from a configuration, with the backends it chose changed by an override. */
    public static ServerCore assemble(ServerConfig config, StateBackends.Override override) throws StoreException {
        return new ServerCore(config, override);
    }

    private static BootstrapTokens bootstrap(TokenStore tokens, Path dataDir) throws StoreException {
        IssuedToken admin = tokens.create("admin", TokenKind.ADMIN, false);
        IssuedToken api = tokens.create("demo", TokenKind.API, false);
        try {
            Path file = dataDir.resolve(ADMIN_TOKEN_FILE);
            Path temp = Files.createTempFile(dataDir, ADMIN_TOKEN_FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, admin.secret() + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            throw new StoreException("cannot write " + ADMIN_TOKEN_FILE + " in " + dataDir, e);
        }
        return new BootstrapTokens(admin, api);
    }

    public SharedServices services() {
        return services;
    }

    public WebSocketCore webSocket() {
        return webSocket;
    }

    public ConnectionRegistry registry() {
        return registry;
    }

    /** The tokens created by this start, if it was the first. */
    public Optional<BootstrapTokens> bootstrapTokens() {
        return Optional.ofNullable(bootstrap);
    }

    /** The cluster this node belongs to, when it runs with Redis. */
    public Optional<RedisBackplane> backplane() {
        return Optional.ofNullable(backplane);
    }

    /** What keeps this node from serving now, if anything: shutting down, or Redis not answering. */
    private Optional<String> blocker() {
        if (closing) {
            return Optional.of("shutting down");
        }
        if (backplane != null && !backplane.reachable()) {
            return Optional.of("Redis at " + backplane.where() + " does not answer");
        }
        return Optional.empty();
    }

    /** Reports not ready from now on, before a shutdown closes anything. */
    public void beginShutdown() {
        closing = true;
    }

    /** Closes every connection (1001) and stops background work. */
    @Override
    public void close() {
        closing = true;
        webSocket.close();
        throttleTimer.shutdownNow();
        close(backplane);
        broadcaster.close();
        // a container undeploying the WAR checks for threads the application left running
        awaitQuietly(throttleTimer);
        dataDirectoryLock.close();
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
