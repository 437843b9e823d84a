package dev.neuroinfo.ws.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroinfo.ws.conformance.SuiteConfig;
import dev.neuroinfo.ws.conformance.Verdict;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.TwoPorts;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged WAR in embedded Tomcat behind nginx configured as {@code docs/nginx/one-port.conf}
 * shows, with TLS: the suite passes over https and wss, and no ticket reaches nginx's logs. The
 * tokens are made as an operator makes them: through the admin API, via nginx.
 */
class NginxWarTest {
    // the WAR's settings are whole seconds; the ticket lifetime is the protocol's
    private static final Duration PING = Duration.ofSeconds(2);
    private static final Duration IDLE = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theWarOnOnePort() throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.createAndTrust(dir.resolve("tls"));
        Path data = dir.resolve("data");
        Path war = Path.of(System.getProperty("neuroinfo.war", "../war/target/neuroinfo-server.war"));
        assertTrue(Files.isRegularFile(war), "the packaged WAR at " + war);
        // nginx first, on a free port (again on another when that was taken), since its port is in the
        // WAR's public WebSocket URL; Tomcat's port, which nginx's configuration names, is held meanwhile
        try (TwoPorts.Reservation tomcatPort = TwoPorts.reservePair("127.0.0.1");
             Nginx nginx = Nginx.start(Nginx.ONE_PORT, tls, Map.of("127.0.0.1:8080", "127.0.0.1:" + tomcatPort.port()),
                     dir.resolve("nginx"));
             TomcatWar tomcat = TomcatWar.start(war, tomcatPort, dir.resolve("tomcat"), Map.of(
                     "NEUROINFO_DATA_DIR", data.toString(),
                     "NEUROINFO_PUBLIC_WS_URL", ThroughNginx.wss(nginx.port()).toString(),
                     "NEUROINFO_PING_INTERVAL", String.valueOf(PING.toSeconds()),
                     "NEUROINFO_IDLE_TIMEOUT", String.valueOf(IDLE.toSeconds())))) {
            int port = nginx.port();
            String admin = Files.readString(data.resolve("admin.token"), StandardCharsets.UTF_8).strip();
            SuiteConfig suite = SuiteConfig.of(ThroughNginx.https(port), ThroughNginx.wss(port), token(port, admin, "t1", false))
                    .withToken2(token(port, admin, "t2", false))
                    .withUnlimitedToken(token(port, admin, "unlimited", true))
                    .withRateLimitToken(token(port, admin, "rate", false))
                    .withAdminToken(admin)
                    .withTimings(PING, IDLE, Limits.TICKET_TTL, Limits.INBAND_AUTH_TIMEOUT);
            // As in war's expected verdicts for Tomcat: it closes on the payload it has read (1009
            // once its buffer is full, 1007 earlier on invalid UTF-8), not on the declared length.
            ThroughNginx.assertSuitePasses("war", suite, Map.of("KA-6d", Verdict.FAIL));
            ThroughNginx.assertNoTicketLogged(nginx, token(port, admin, "log", false));
        }
    }

    /** An API token made through the admin API behind nginx. */
    private static String token(int port, String admin, String user, boolean unlimited) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(ThroughNginx.https(port).resolve("/api/admin/tokens"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                Map.of("user", user, "unlimited", unlimited)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("data").path("token").asText();
    }
}
