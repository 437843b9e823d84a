package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.server.ServerContext;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket side of a server, independent of the container: the gate, the handoff, the open
 * connections, keepalive, and the endpoint configuration to deploy.
 */
public final class WebSocketRuntime implements AutoCloseable {
    private final ServerContext context;
    private final ConnectionRegistry registry;
    private final HandshakeGate gate;
    private final AdmissionHandoff handoff = new AdmissionHandoff();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "neuroinfo-ws-timer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param context  the server's seams
     * @param registry the connection registry the context's {@code connections()} refers to
     */
    public WebSocketRuntime(ServerContext context, ConnectionRegistry registry) {
        this.context = context;
        this.registry = registry;
        this.gate = new HandshakeGate(context);
        new Keepalive(registry, context.config().pingInterval(), context.config().idleTimeout(), timer);
    }

    /** The endpoint to deploy at {@link HandshakeGate#PATH}. */
    public ServerEndpointConfig endpointConfig() {
        return ServerEndpointConfig.Builder.create(EventEndpoint.class, HandshakeGate.PATH)
                .configurator(new AdmissionConfigurator(this))
                .build();
    }

    public ServerContext context() {
        return context;
    }

    public HandshakeGate gate() {
        return gate;
    }

    public AdmissionHandoff handoff() {
        return handoff;
    }

    public ConnectionRegistry registry() {
        return registry;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** A new session id: 128 random bits, hex. */
    String newSessionId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Closes every connection with 1001 and stops the timers. */
    @Override
    public void close() {
        registry.closeAll(CloseReasons.SERVER_SHUTDOWN.code(), CloseReasons.SERVER_SHUTDOWN.text());
        timer.shutdownNow();
        try {
            // a container undeploying the WAR checks for threads the application left running
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
