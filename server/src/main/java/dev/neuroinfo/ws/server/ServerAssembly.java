package dev.neuroinfo.ws.server;

import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.server.auth.FileTokenStore;
import dev.neuroinfo.ws.server.auth.InMemoryTicketStore;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.ReusableTicketStore;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TicketStore;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.Fault;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.events.Broadcaster;
import dev.neuroinfo.ws.server.events.ThrottledPublisher;
import dev.neuroinfo.ws.server.limits.InMemoryConnectionSlots;
import dev.neuroinfo.ws.server.limits.SlidingWindowRateLimiter;
import dev.neuroinfo.ws.server.ws.ConnectionRegistry;
import dev.neuroinfo.ws.server.ws.WebSocketRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Wires the server's parts from a configuration, whatever container will host them: stores,
 * limits, fan-out, the WebSocket runtime. On a first start (no tokens yet) it creates an admin
 * token and an API token and keeps the admin token in {@code admin.token} (mode 0600) for the CLI.
 */
public final class ServerAssembly implements AutoCloseable {
    /** File in the data directory holding the bootstrap admin token, readable by its owner only. */
    public static final String ADMIN_TOKEN_FILE = "admin.token";

    private final ServerContext context;
    private final ConnectionRegistry registry;
    private final WebSocketRuntime webSocket;
    private final Broadcaster broadcaster;
    private final ScheduledExecutorService throttleTimer;
    private final BootstrapTokens bootstrap;

    /**
     * The tokens made on a first start, to show the operator once.
     *
     * @param admin the admin token
     * @param api   an API token for user {@code demo}
     */
    public record BootstrapTokens(IssuedToken admin, IssuedToken api) {
    }

    private ServerAssembly(ServerConfig config) throws StoreException {
        FileTokenStore tokens = FileTokenStore.open(config.dataDir());
        bootstrap = tokens.list().isEmpty() ? bootstrap(tokens, config.dataDir()) : null;
        TicketStore tickets = new InMemoryTicketStore();
        if (config.has(Fault.REUSABLE_TICKETS)) {
            tickets = new ReusableTicketStore(tickets);
        }
        int limit = config.has(Fault.LIMIT_OF_SIX) ? Limits.MAX_CONNECTIONS_PER_USER + 1 : config.maxConnectionsPerUser();
        MessageCodec codec = new MessageCodec();
        registry = new ConnectionRegistry();
        broadcaster = new Broadcaster(codec, registry::sendToSubscribers);
        throttleTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "neuroinfo-throttle");
            thread.setDaemon(true);
            return thread;
        });
        ThrottledPublisher publisher = new ThrottledPublisher(broadcaster, throttleTimer,
                config.streamUpdateInterval(), !config.has(Fault.NO_THROTTLE), Clock.systemUTC());
        context = new ServerContext(config, codec, tokens, tickets, new InMemoryConnectionSlots(limit),
                new SlidingWindowRateLimiter(config.ticketRequestsPerMinute(), Limits.TICKET_RATE_WINDOW),
                publisher, registry);
        webSocket = new WebSocketRuntime(context, registry);
    }

    /** Assembles a server from a configuration. */
    public static ServerAssembly assemble(ServerConfig config) throws StoreException {
        return new ServerAssembly(config);
    }

    private static BootstrapTokens bootstrap(FileTokenStore tokens, Path dataDir) throws StoreException {
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

    public ServerContext context() {
        return context;
    }

    public WebSocketRuntime webSocket() {
        return webSocket;
    }

    public ConnectionRegistry registry() {
        return registry;
    }

    /** The tokens created by this start, if it was the first. */
    public Optional<BootstrapTokens> bootstrapTokens() {
        return Optional.ofNullable(bootstrap);
    }

    /** Closes every connection (1001) and stops background work. */
    @Override
    public void close() {
        webSocket.close();
        throttleTimer.shutdownNow();
        broadcaster.close();
    }
}
