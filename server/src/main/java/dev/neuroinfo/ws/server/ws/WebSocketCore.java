package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.server.SharedServices;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket half of {@link dev.neuroinfo.ws.server.ServerCore}, the same in every container:
 * the handshake gate, the handoff of an admission from the gate to the endpoint, the registry of
 * open connections, keepalive and the timer behind it, session ids, and the endpoint configuration
 * a host deploys. It owns that timer and closes every open connection (1001) when the core closes.
 * It owns no listener, socket or container: a host's adapter (the embedded server's Grizzly filter,
 * the WAR's servlet filter) asks its {@link #gate()} and {@link #handoff()}, and the container
 * creates the endpoints from {@link #endpointConfig()}.
 */
public final class WebSocketCore implements AutoCloseable {
    /** How long an upgraded handshake may take to reach the endpoint's onOpen. */
    static final Duration OPEN_DEADLINE = Duration.ofSeconds(1);

    private final SharedServices services;
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
     * @param services the server's shared services
     * @param registry the connection registry the services' {@code connections()} refers to
     */
    public WebSocketCore(SharedServices services, ConnectionRegistry registry) {
        this.services = services;
        this.registry = registry;
        this.gate = new HandshakeGate(services);
        new Keepalive(registry, services.config().pingInterval(), services.config().idleTimeout(), timer);
    }

    /** The endpoint to deploy at {@link HandshakeGate#PATH}. */
    public ServerEndpointConfig endpointConfig() {
        return ServerEndpointConfig.Builder.create(EventEndpoint.class, HandshakeGate.PATH)
                .configurator(new AdmissionConfigurator(this))
                .build();
    }

    public SharedServices services() {
        return services;
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

    /**
     * Frees an upgraded handshake's slot unless its connection opens within {@link #OPEN_DEADLINE}.
     * A container may lose a connection that ends right after the 101 without ever opening it
     * (Payara's Tyrus does), and then no close would ever free the slot.
     */
    public void awaitOpen(Admission admission) {
        try {
            timer.schedule(admission::abandonUnlessOpened, OPEN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the server is closing every connection anyway
            admission.abandonUnlessOpened();
        }
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
