package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.logging.LogSettings;
import dev.neuroinfo.ws.server.net.TrustedProxies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection log and the admin log name who and from where, never a credential; forwarding
 * headers count only from a trusted proxy.
 */
class ConnectionLogTest {
    private static final String SPOOFED = "203.0.113.9";

    private final Logger connections = Logger.getLogger(LogSettings.CONNECTIONS_LOGGER);
    private final Logger server = Logger.getLogger("dev.neuroinfo.ws.server");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    Path dir;

    @BeforeEach
    void listen() {
        connections.setLevel(Level.FINE);
        server.setLevel(Level.INFO);
        connections.addHandler(capture);
        server.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        connections.removeHandler(capture);
        server.removeHandler(capture);
        connections.setLevel(null);
        server.setLevel(null);
    }

    @Test
    void aForwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        try (TestServer untrusting = TestServer.start(dir)) {
            refuseWithForwardedFor(untrusting);
            assertTrue(lines.contains("handshake refused: 401 invalid_token user=- client=127.0.0.1"), lines.toString());
        }
    }

    @Test
    void aTrustedProxyNamesTheClientInBothLogs() throws Exception {
        try (TestServer behindProxy = TestServer.start(dir,
                config -> config.trustedProxies(TrustedProxies.parse("127.0.0.1")))) {
            refuseWithForwardedFor(behindProxy);
            assertTrue(lines.contains("handshake refused: 401 invalid_token user=- client=" + SPOOFED), lines.toString());

            String admin = behindProxy.adminToken();
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(behindProxy.server.httpUri() + "/api/admin/tokens"))
                    .header("Authorization", "Bearer " + admin).header("X-Forwarded-For", SPOOFED)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"carol\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            String secret = TestServer.CODEC.parse(created.body()).orElseThrow().get("data").get("token").asText();
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("created API token t_")
                    && line.contains("for user carol by admin admin (t_") && line.endsWith("from " + SPOOFED)), lines.toString());
            assertFalse(lines.stream().anyMatch(line -> line.contains(secret) || line.contains(admin)),
                    "no token in the log");
        }
    }

    @Test
    void aClosedConnectionIsOneLineWithUserAndReason() throws Exception {
        try (TestServer plain = TestServer.start(dir)) {
            String token = plain.token("dora");
            RawWebSocket socket = plain.connect(token);
            socket.sendText("x".repeat(70_000));
            assertEquals(1009, socket.awaitClose(TestServer.WAIT, true));
            socket.close();
            TestServer.await("the close to be logged", () -> lines.stream().anyMatch(line ->
                    line.startsWith("connection closed: session=") && line.contains("code=1009")
                            && line.contains("reason=\"Message too big\" by=server user=dora client=127.0.0.1")));
            assertFalse(lines.stream().anyMatch(line -> line.contains(token)), "no token in the log");
        }
    }

    private static void refuseWithForwardedFor(TestServer target) throws Exception {
        try (RawWebSocket refused = RawWebSocket.open(target.wsPort(), "/api/ws",
                Map.of("Authorization", "Bearer nk_not_a_token", "X-Forwarded-For", SPOOFED))) {
            assertEquals(401, refused.response().status());
        }
    }
}
