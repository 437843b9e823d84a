package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.config.Setting;
import dev.neuroinfo.ws.server.metrics.TransportRefusal;
import dev.neuroinfo.ws.server.ws.WebSocketCore;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.HttpCodecFilter;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The embedded server's WebSocket port: one Grizzly listener with Tyrus behind our filters, not a
 * server of its own. In front of Tyrus's upgrade filter it puts the accept guard ({@link
 * AcceptGuard}) and the gate ({@link GrizzlyGateFilter}); the HTTP codec's own refusals are made
 * plain text ({@link PlainErrorsHttpCodec}), once a connection is upgraded its reads are taken
 * past that codec ({@link UpgradedReadFilter}), and its 101 leaves in one write with the welcome
 * ({@link CoalescedUpgrade}). It owns the listener, the Tyrus
 * container and the handshake-deadline timer, and closes them; the gate's decisions, the
 * connections and their keepalive belong to the {@link WebSocketCore} it is given. Built by hand
 * (as Tyrus's own Grizzly container does internally) because that container binds every interface
 * and offers no place for a filter of ours.
 */
final class GrizzlyWebSocketListener implements AutoCloseable {
    private static final String LISTENER = "neuroinfo-ws";
    /** How long close waits for the threads, told to stop, to end. */
    static final Duration THREADS_END = Duration.ofSeconds(1);

    private final HttpServer http = new HttpServer();
    private final TyrusServerContainer container;
    /** The started listener's threads, which close waits for. */
    private TransportPools pools;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "neuroinfo-ws-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    GrizzlyWebSocketListener(WebSocketCore webSocket, String host, int port) throws DeploymentException {
        ServerConfig config = webSocket.services().config();
        container = new TyrusServerContainer((Set<Class<?>>) null) {
            private final WebSocketEngine engine = TyrusWebSocketEngine.builder(this).build();

            @Override
            public void register(Class<?> endpointClass) throws DeploymentException {
                engine.register(endpointClass, "");
            }

            @Override
            public void register(ServerEndpointConfig config) throws DeploymentException {
                engine.register(config, "");
            }

            @Override
            public Map<String, Object> getProperties() {
                return Map.of();
            }

            @Override
            public WebSocketEngine getWebSocketEngine() {
                return engine;
            }
        };
        // No idle timer per session: keepalive and the idle close are ours (Keepalive). Tyrus's
        // default of 0 schedules a task on its own timer threads for every new session, which
        // EventEndpoint then cancels; -1 schedules none.
        container.setDefaultMaxSessionIdleTimeout(-1);
        container.register(webSocket.endpointConfig());
        NetworkListener listener = new NetworkListener(LISTENER, host, port);
        // Reads are handled on the selector thread that made them when nothing on their way can wait
        // (a single node's stores): handing each to a worker thread cost a context switch and a
        // selector wake-up per read, most of the server's CPU per handshake in the churn benchmark
        // (docs/performance.md). Stores that may wait (Redis) keep the worker threads, so that a
        // slow answer stalls one handshake, not every connection of a selector.
        listener.getTransport().setIOStrategy(webSocket.gate().answersFromMemory()
                ? SameThreadIOStrategy.getInstance() : WorkerThreadIOStrategy.getInstance());
        // One selector per processor, not Grizzly's one more for the acceptor: accepted connections
        // are dealt round-robin over the selectors, and each one dealt to a selector other than the
        // acceptor's is a hand-off (a queued task, a wake-up, a context switch) before its first
        // read. With one processor the acceptor's selector now serves every connection itself.
        listener.getTransport().setSelectorRunnersCount(Runtime.getRuntime().availableProcessors());
        // an upgraded connection must not be closed by HTTP keep-alive idling; keepalive is ours
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn((networkListener, builder) -> {
            // With idling off, Grizzly's idle filter only tracks every connection in a map that its
            // timer thread cleans once a second: a closed connection stayed reachable from it for up
            // to that second, so under churn each young collection found thousands of dead
            // connections alive, copied them and promoted them (docs/performance.md, Churn).
            builder.remove(builder.indexOfType(IdleTimeoutFilter.class));
            int transport = builder.indexOfType(TransportFilter.class);
            builder.add(transport + 1, new ConnectionCap(config.effectiveMaxTotalConnections(), "the WebSocket port",
                    Setting.MAX_TOTAL_CONNECTIONS, TransportRefusal.MAX_TOTAL_CONNECTIONS, webSocket.services().metrics()));
            builder.add(transport + 2, new AcceptGuard(config.maxUnauthenticatedPerAddress(),
                    config.handshakeTimeout(), timer, webSocket.services().metrics()));
            builder.add(transport + 3, new CoalescedUpgrade.Filter());
            GrizzlyServerFilter tyrus = new GrizzlyServerFilter(container, "/");
            int httpServerFilter = builder.indexOfType(HttpServerFilter.class);
            builder.add(httpServerFilter, tyrus);
            builder.add(httpServerFilter, new GrizzlyGateFilter(webSocket, timer));
            int codec = builder.indexOfType(HttpCodecFilter.class);
            builder.set(codec, new PlainErrorsHttpCodec(networkListener,
                    (org.glassfish.grizzly.http.HttpServerFilter) builder.get(codec)));
            builder.add(codec, new UpgradedReadFilter(tyrus));
        });
        http.addListener(listener);
    }

    void start() throws IOException {
        http.start();
        pools = TransportPools.of(http);
    }

    int port() {
        return http.getListener(LISTENER).getPort();
    }

    /**
     * The listener's deadline timer, which the HTTP API port's request deadlines share: their
     * actions only close connections, and one thread serves both ports. It stops with this listener.
     */
    ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * Stops the listener, letting close frames already queued flush for a bounded time, and
     * returns once its threads ended (or, for one stuck, after a bounded wait).
     */
    @Override
    public void close() {
        try {
            http.shutdown(2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the flush did not finish in time: what is left is cut off below
        }
        // Grizzly's graceful shutdown stops the listener but not the server: its own thread (the
        // delayed executor's HttpServer-N, which would otherwise run forever) stops only here.
        http.shutdownNow();
        container.stop();
        timer.shutdownNow();
        long deadline = System.nanoTime() + THREADS_END.toNanos();
        if (pools != null) {
            pools.awaitEnd(deadline);
        }
        try {
            timer.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
