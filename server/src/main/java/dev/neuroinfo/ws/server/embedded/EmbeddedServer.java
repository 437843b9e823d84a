package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.TwoPorts;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.server.ServerCore;
import dev.neuroinfo.ws.server.SharedServices;
import dev.neuroinfo.ws.server.StateBackends;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.config.Setting;
import dev.neuroinfo.ws.server.http.ApiApplication;
import dev.neuroinfo.ws.server.http.PlainHttpAddOn;
import dev.neuroinfo.ws.server.http.TicketEndpoint;
import dev.neuroinfo.ws.server.metrics.TransportRefusal;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;

/**
 * The server as one process: the HTTP API (Jersey on Grizzly) on port P and the WebSocket
 * endpoint (Tyrus on Grizzly, {@link GrizzlyWebSocketListener}) on P+1, as the API's port
 * convention has it. This is what the {@code run} command and the tests start. It owns the two
 * listeners and the {@link ServerCore} behind them, and stops all three in order on {@link
 * #close()}. It decides nothing about the protocol itself: stores, limits, the gate and the
 * sessions are the core's; the WAR serves the same core from a servlet container instead.
 */
public final class EmbeddedServer implements AutoCloseable {
    private final ServerCore core;
    private final HttpServer http;
    private final GrizzlyWebSocketListener webSocketListener;
    private final TransportPools httpPools;
    private final URI httpUri;
    private final URI webSocketUri;

    private EmbeddedServer(ServerCore core, HttpServer http, GrizzlyWebSocketListener webSocketListener,
            URI httpUri, URI webSocketUri) {
        this.core = core;
        this.http = http;
        this.webSocketListener = webSocketListener;
        this.httpPools = TransportPools.of(http);
        this.httpUri = httpUri;
        this.webSocketUri = webSocketUri;
    }

    /**
     * Starts a server. With HTTP port 0 it picks a free pair of consecutive ports.
     *
     * @throws IOException when a port cannot be bound or the data directory cannot be used
     */
    public static EmbeddedServer start(ServerConfig requested) throws IOException {
        return start(requested, StateBackends.Override.NONE);
    }

    /**
     * Starts a server whose state backends, once chosen from the configuration, are changed by an override.
     *
     * @throws IOException when a port cannot be bound or the data directory cannot be used
     */
    public static EmbeddedServer start(ServerConfig requested, StateBackends.Override override) throws IOException {
        // The ports are bound before anything else, and stay so while the core assembles (seconds on
        // a loaded machine, with Redis): a port taken fails the start before a first start creates
        // tokens it could then not show, and picked ports cannot be taken by another process
        // meanwhile. They are given back only just before the listeners bind them.
        if (requested.httpPort() != 0) {
            try (TwoPorts.Reservation ports = TwoPorts.reserve(requested.host(), requested.httpPort(),
                    requested.webSocketPort())) {
                return start(requested, override, ports);
            }
        }
        try (TwoPorts.Reservation picked = TwoPorts.reservePair(requested.host())) {
            return start(requested.toBuilder().ports(picked.port(), picked.port() + 1).build(), override, picked);
        }
    }

    private static EmbeddedServer start(ServerConfig config, StateBackends.Override override,
                                        TwoPorts.Reservation ports) throws IOException {
        ServerCore core;
        try {
            // the core's first act is to lock the data directory, creating it when missing
            core = ServerCore.assemble(config, override);
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
        GrizzlyWebSocketListener webSocketListener = null;
        HttpServer http = null;
        try {
            webSocketListener = new GrizzlyWebSocketListener(core.webSocket(), config.host(), config.webSocketPort());
            URI httpUri = URI.create("http://" + hostForUri(config.host()) + ":" + config.httpPort() + "/");
            http = GrizzlyHttpServerFactory.createHttpServer(httpUri,
                    new ApiApplication(core.services()), false);
            ApiHttpHandler api = wrapJersey(http, new TicketEndpoint(core.services()));
            ConnectionCap cap = new ConnectionCap(config.effectiveMaxApiConnections(), "the HTTP API port",
                    Setting.MAX_API_CONNECTIONS, TransportRefusal.MAX_API_CONNECTIONS, core.services().metrics());
            RequestDeadlines deadlines = new RequestDeadlines(config.requestTimeout(), webSocketListener.timer(),
                    core.services().metrics());
            http.getListeners().forEach(listener -> {
                listener.registerAddOn((networkListener, builder) ->
                        builder.add(builder.indexOfType(TransportFilter.class) + 1, cap));
                listener.registerAddOn(deadlines);
                listener.registerAddOn(new PlainHttpAddOn());
                listener.registerAddOn(new BrokenBodyGuard());
                listener.registerAddOn(new PeerAddressAddOn());
                // An answer goes to the connection's write queue whole, however slowly its client
                // reads: Grizzly would otherwise hold the worker thread writing it until the client
                // read on, and a few clients that never read held every worker (ApiHttpHandler
                // bounds what such a connection may pile up).
                listener.getTransport().getAsyncQueueIO().getWriter()
                        .setMaxPendingBytesPerConnection(AsyncQueueWriter.UNLIMITED_SIZE);
                if (api.readsOnSelectors()) {
                    // Every request but a ticket's is still run on the worker threads
                    // (ApiHttpHandler), so their pool must outlive the change of strategy, which
                    // drops it (a same-thread strategy wants none).
                    ThreadPoolConfig workers = listener.getTransport().getWorkerThreadPoolConfig();
                    listener.getTransport().setIOStrategy(SameThreadIOStrategy.getInstance());
                    listener.getTransport().setWorkerThreadPoolConfig(workers);
                }
            });
            ports.close();
            webSocketListener.start();
            HandlersFirst.start(http);
            URI webSocketUri = URI.create("ws://" + hostForUri(config.host()) + ":" + config.webSocketPort() + "/api/ws");
            return new EmbeddedServer(core, http, webSocketListener, URI.create(httpUri.toString().replaceAll("/$", "")),
                    webSocketUri);
        } catch (DeploymentException | IOException | RuntimeException e) {
            if (http != null) {
                // a start that failed on binding has already started the server's own thread
                http.shutdownNow();
            }
            if (webSocketListener != null) {
                webSocketListener.close();
            }
            core.close();
            throw e instanceof IOException io ? io : new IOException("server failed to start: " + e.getMessage(), e);
        }
    }

    /** Puts the API's own handler in the place of the Jersey container the factory registered, which it wraps. */
    private static ApiHttpHandler wrapJersey(HttpServer http, TicketEndpoint tickets) {
        ServerConfiguration server = http.getServerConfiguration();
        Map<HttpHandler, HttpHandlerRegistration[]> handlers = server.getHttpHandlersWithMapping();
        if (handlers.size() != 1) {
            throw new IllegalStateException("expected the Jersey container alone, found " + handlers.keySet());
        }
        Map.Entry<HttpHandler, HttpHandlerRegistration[]> jersey = handlers.entrySet().iterator().next();
        ApiHttpHandler api = new ApiHttpHandler(jersey.getKey(), tickets);
        server.removeHttpHandler(jersey.getKey());
        server.addHttpHandler(api, jersey.getValue());
        return api;
    }

    private static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** The HTTP API's base, e.g. {@code http://127.0.0.1:8080}. */
    public URI httpUri() {
        return httpUri;
    }

    /** The WebSocket endpoint, e.g. {@code ws://127.0.0.1:8081/api/ws}. */
    public URI webSocketUri() {
        return webSocketUri;
    }

    public SharedServices services() {
        return core.services();
    }

    /** The tokens created by this start, if it was the first on its data directory. */
    public Optional<ServerCore.BootstrapTokens> bootstrapTokens() {
        return core.bootstrapTokens();
    }

    /** Creates a token directly in the store. */
    public IssuedToken createToken(String user, TokenKind kind, boolean unlimited) {
        try {
            return core.services().tokens().create(user, kind, unlimited);
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Publishes an event as the admin API would; returns its accepted timestamp. */
    public long publish(EventType type, EventPayload payload) {
        return core.services().publisher().publish(type, payload);
    }

    /**
     * Stops: no new HTTP requests or handshakes, every connection closed with 1001, then the
     * listeners, within a few seconds. When it returns, the threads this server started have
     * ended, but for one stuck in a task past a bounded wait and Grizzly's two delayed-executor
     * threads ({@code HttpServer-N}), which it tells to stop but offers no way to wait for; they
     * end within moments.
     */
    @Override
    public void close() {
        core.beginShutdown();
        http.shutdown(1, TimeUnit.SECONDS);
        core.close();
        webSocketListener.close();
        http.shutdownNow();
        httpPools.awaitEnd(System.nanoTime() + GrizzlyWebSocketListener.THREADS_END.toNanos());
    }
}
