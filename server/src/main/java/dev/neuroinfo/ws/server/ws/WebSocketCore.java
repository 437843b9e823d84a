package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.server.SharedServices;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket half of {@link dev.neuroinfo.ws.server.ServerCore}, the same in every container:
 * the handshake gate, the handoff of an admission from the gate to the endpoint, the registry of
 * open connections, keepalive and the timer behind it, session ids, and the endpoint configuration
 * a host deploys. It owns that timer and the threads that close connections on the standard API,
 * and closes every open connection (1001) when the core closes.
 * It owns no listener, socket or container: a host's adapter (the embedded server's Grizzly filter,
 * the WAR's servlet filter) asks its {@link #gate()} and {@link #handoff()}, and the container
 * creates the endpoints from {@link #endpointConfig()}.
 */
public final class WebSocketCore implements AutoCloseable {
    /** How long an upgraded handshake may take to reach the endpoint's onOpen. */
    static final Duration OPEN_DEADLINE = Duration.ofSeconds(1);
    private static final int CLOSING_THREADS = 4;

    private final SharedServices services;
    private final ConnectionRegistry registry;
    private final HandshakeGate gate;
    private final AdmissionHandoff handoff = new AdmissionHandoff();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("neuroinfo-ws-timer"));
    private final ExecutorService closer = newCloser();

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

    /** Where connections on the standard API are closed (see {@link ClientConnection#close(int, String)}). */
    Executor closer() {
        return closer;
    }

    /**
     * A few threads, so that the closes of clients that do not read, each of which may take a
     * container seconds, do not hold up the closes of those that do; none while nothing closes.
     */
    private static ExecutorService newCloser() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(CLOSING_THREADS, CLOSING_THREADS, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("neuroinfo-ws-close"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Threads that do not keep the JVM alive: a container stops the application, not its threads. */
    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
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

    /** Closes every connection with 1001, waits a little for their close frames, and stops the timers. */
    @Override
    public void close() {
        registry.closeAll(CloseReasons.SERVER_SHUTDOWN.code(), CloseReasons.SERVER_SHUTDOWN.text());
        closer.shutdown();
        timer.shutdownNow();
        try {
            // the container tears the connections down once this returns; and a container
            // undeploying the WAR checks for threads the application left running
            closer.awaitTermination(2, TimeUnit.SECONDS);
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
