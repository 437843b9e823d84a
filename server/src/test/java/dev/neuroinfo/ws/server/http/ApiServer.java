package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.server.ConnectionControl;
import dev.neuroinfo.ws.server.SharedServices;
import dev.neuroinfo.ws.server.auth.FileTokenStore;
import dev.neuroinfo.ws.server.auth.InMemoryTicketStore;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TicketStore;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenStore;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.events.EventPublisher;
import dev.neuroinfo.ws.server.limits.InMemoryConnectionSlots;
import dev.neuroinfo.ws.server.limits.SlidingWindowRateLimiter;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;

/**
 * The HTTP API on a real Grizzly server on a free port, with the real stores in a data directory
 * and test doubles for the WebSocket side (recording publisher and connection control).
 */
public final class ApiServer implements AutoCloseable {
    static final String WS_URL = "wss://example.test/api/ws";
    public static final long PUBLISHED_AT = 1_766_924_114_000L;

    public final SharedServices services;
    public final RecordingPublisher publisher = new RecordingPublisher();
    public final RecordingConnections connections = new RecordingConnections();
    // Left at its default HTTP/2, the client offers an h2c upgrade on every cleartext request, so
    // every test through it also covers PlainHttpAddOn.
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpServer server;
    private final URI base;

    /** Published events, as (type, payload). */
    public record Published(EventType type, EventPayload payload) {
    }

    /** closeConnectionsOfToken calls. */
    public record Closed(String tokenId, int code, String reason) {
    }

    public static final class RecordingPublisher implements EventPublisher {
        public final List<Published> events = new CopyOnWriteArrayList<>();

        @Override
        public long publish(EventType type, EventPayload payload) {
            events.add(new Published(type, payload));
            return PUBLISHED_AT;
        }
    }

    public static final class RecordingConnections implements ConnectionControl {
        public final List<Closed> closed = new CopyOnWriteArrayList<>();

        @Override
        public void closeConnectionsOfToken(String tokenId, int closeCode, String reason) {
            closed.add(new Closed(tokenId, closeCode, reason));
        }

        @Override
        public int openConnections() {
            return 0;
        }
    }

    private ApiServer(ServerConfig config, TokenStore tokens, TicketStore tickets) {
        services = new SharedServices(config, new MessageCodec(), tokens, tickets,
                new InMemoryConnectionSlots(config.maxConnectionsPerUser()),
                new SlidingWindowRateLimiter(config.ticketRequestsPerMinute(), Limits.TICKET_RATE_WINDOW),
                publisher, connections, new ServerMetrics(), Optional::empty);
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                new ApiApplication(services), false);
        server.getListeners().forEach(listener -> listener.registerAddOn(new PlainHttpAddOn()));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = server.getListeners().iterator().next().getPort();
        base = URI.create("http://127.0.0.1:" + port);
    }

    /** A server with default limits and real stores in {@code dataDir}. */
    public static ApiServer start(Path dataDir) throws StoreException {
        return start(dataDir, UnaryOperator.identity());
    }

    /** A server with a changed configuration. */
    static ApiServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> configure) throws StoreException {
        ServerConfig config = configure.apply(defaults(dataDir)).build();
        return new ApiServer(config, FileTokenStore.open(dataDir), new InMemoryTicketStore(count -> { }));
    }

    /** A server with a changed configuration and the given ticket store. */
    static ApiServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> configure, TicketStore tickets)
            throws StoreException {
        ServerConfig config = configure.apply(defaults(dataDir)).build();
        return new ApiServer(config, FileTokenStore.open(dataDir), tickets);
    }

    /** A server with the given stores (e.g. failing ones). */
    static ApiServer start(Path dataDir, TokenStore tokens, TicketStore tickets) {
        return new ApiServer(defaults(dataDir).build(), tokens, tickets);
    }

    private static ServerConfig.Builder defaults(Path dataDir) {
        return ServerConfig.builder().dataDir(dataDir).publicWebSocketUrl(WS_URL);
    }

    public URI base() {
        return base;
    }

    public IssuedToken apiToken(String user) throws StoreException {
        return services.tokens().create(user, TokenKind.API, false);
    }

    public IssuedToken adminToken() throws StoreException {
        return services.tokens().create("admin", TokenKind.ADMIN, false);
    }

    HttpResponse<String> get(String path, String authorization) {
        return send(request(path, authorization).GET());
    }

    HttpResponse<String> post(String path, String authorization, String body) {
        return send(request(path, authorization).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    HttpResponse<String> delete(String path, String authorization) {
        return send(request(path, authorization).DELETE());
    }

    HttpResponse<String> method(String method, String path, String authorization) {
        return send(request(path, authorization).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    static String bearer(IssuedToken token) {
        return "Bearer " + token.secret();
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
