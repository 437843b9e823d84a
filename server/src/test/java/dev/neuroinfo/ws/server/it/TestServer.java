package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real embedded server on free ports, and the small moves every test needs. As a JUnit
 * extension ({@code @RegisterExtension static final TestServer server = TestServer.shared()}) it
 * starts before a class's tests, in a temporary data directory, and stops after them.
 */
final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final MessageCodec CODEC = new MessageCodec();

    EmbeddedServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final UnaryOperator<ServerConfig.Builder> tweak;
    private Path dataDir;

    private TestServer(EmbeddedServer server) {
        this.server = server;
        this.tweak = UnaryOperator.identity();
    }

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
        server = start(dataDir, tweak).server;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    static TestServer start(Path dataDir) throws IOException {
        return start(dataDir, UnaryOperator.identity());
    }

    static TestServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> tweak) throws IOException {
        return new TestServer(EmbeddedServer.start(tweak.apply(ServerConfig.builder().ports(0, 0).dataDir(dataDir))
                .build()));
    }

    int wsPort() {
        return server.webSocketUri().getPort();
    }

    String token(String user) {
        return server.createToken(user, TokenKind.API, false).secret();
    }

    String unlimitedToken(String user) {
        return server.createToken(user, TokenKind.API, true).secret();
    }

    String adminToken() {
        return server.createToken("admin", TokenKind.ADMIN, false).secret();
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

    /** Waits until a condition holds, failing after {@link #WAIT}. */
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

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, WAIT, condition);
    }

    @Override
    public void close() {
        server.close();
    }
}
