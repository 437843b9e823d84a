package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real embedded server on free ports, and the small moves every test needs: the server's own
 * tests and the client's (through the server's test jar). As a JUnit extension
 * ({@code @RegisterExtension static final TestServer server = TestServer.shared()}) it starts
 * before a class's tests, in a temporary data directory, and stops after them. It can be stopped
 * and started again on the same ports and data directory, as a restarted server is.
 */
public final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    /** How long the helpers wait for an answer or a condition. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    static final MessageCodec CODEC = new MessageCodec();

    EmbeddedServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final UnaryOperator<ServerConfig.Builder> tweak;
    /** What a restart starts again: the configuration with the ports this server got. */
    private ServerConfig config;
    private Path dataDir;

    private TestServer(UnaryOperator<ServerConfig.Builder> tweak) {
        this.tweak = tweak;
    }

    /** A server shared by a test class, with the default configuration. */
    static TestServer shared() {
        return shared(UnaryOperator.identity());
    }

    /** A server shared by a test class, with a changed configuration. */
    static TestServer shared(UnaryOperator<ServerConfig.Builder> tweak) {
        return new TestServer(tweak);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("neuroinfo-it");
        startOn(dataDir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Starts a server with the default configuration on a data directory. */
    public static TestServer start(Path dataDir) {
        return start(dataDir, UnaryOperator.identity());
    }

    /** Starts a server with a changed configuration on a data directory. */
    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> tweak) {
        TestServer started = new TestServer(tweak);
        try {
            started.startOn(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return started;
    }

    private void startOn(Path dir) throws IOException {
        server = EmbeddedServer.start(tweak.apply(ServerConfig.builder().ports(0, 0).dataDir(dir)).build());
        int httpPort = server.httpUri().getPort();
        config = tweak.apply(ServerConfig.builder().ports(httpPort, httpPort + 1).dataDir(dir)).build();
    }

    /** Stops the server; {@link #restart()} starts it again. */
    public void stop() {
        server.close();
    }

    /** Starts the server again on the same ports and data directory (tokens survive). */
    public void restart() {
        try {
            server = EmbeddedServer.start(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI httpUri() {
        return server.httpUri();
    }

    public URI webSocketUri() {
        return server.webSocketUri();
    }

    int wsPort() {
        return server.webSocketUri().getPort();
    }

    /** An API token, within the per-user connection limit or not. */
    public IssuedToken issue(String user, boolean unlimited) {
        return server.createToken(user, TokenKind.API, unlimited);
    }

    String token(String user) {
        return issue(user, false).secret();
    }

    String unlimitedToken(String user) {
        return issue(user, true).secret();
    }

    String adminToken() {
        return server.createToken("admin", TokenKind.ADMIN, false).secret();
    }

    /** Publishes an event as the admin API does; its offset. */
    public long publish(EventType type, EventPayload payload) {
        return server.publish(type, payload);
    }

    /** Revokes a token as the admin API does: store first, then its open connections with 1008. */
    public void revoke(IssuedToken token) throws StoreException {
        server.services().tokens().revoke(token.record().id());
        server.services().connections().closeConnectionsOfToken(token.record().id(), 1008, "token revoked");
    }

    /** Closes every connection of a token from the server side. */
    public void closeConnectionsOf(IssuedToken token, int code) {
        server.services().connections().closeConnectionsOfToken(token.record().id(), code, "closed by test");
    }

    /** The connections open on this server now. */
    public int openConnections() {
        return server.services().connections().openConnections();
    }

    /** A fresh ticket from the ticket endpoint. */
    String ticket(String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.httpUri() + "/api/ws/ticket"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return CODEC.parse(response.body()).orElseThrow().get("data").get("ticket").textValue();
    }

    /** Opens a connection with the Bearer header and consumes its welcome. */
    RawWebSocket connect(String token) throws IOException {
        RawWebSocket socket = RawWebSocket.open(wsPort(), "/api/ws", Map.of("Authorization", "Bearer " + token));
        assertEquals(101, socket.response().status(), socket.response().body());
        String welcome = socket.nextText(WAIT);
        assertEquals("welcome", CODEC.parse(welcome).orElseThrow().get("type").textValue(), welcome);
        return socket;
    }

    /** A counter's or gauge's value at one label value of this server's registry, 0 when it has none. */
    double metric(String name, String label, String labelValue) {
        for (MetricSnapshot snapshot : server.services().metrics().registry().scrape()) {
            if (!snapshot.getMetadata().getName().equals(name)) {
                continue;
            }
            for (DataPointSnapshot point : snapshot.getDataPoints()) {
                if (labelValue.equals(point.getLabels().get(label))) {
                    return snapshot instanceof CounterSnapshot
                            ? ((CounterSnapshot.CounterDataPointSnapshot) point).getValue()
                            : ((GaugeSnapshot.GaugeDataPointSnapshot) point).getValue();
                }
            }
        }
        return 0;
    }

    /** Waits until a condition holds, failing after {@link #WAIT}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, WAIT, condition);
    }

    @Override
    public void close() {
        server.close();
    }
}
