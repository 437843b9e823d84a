package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes a real server with an admin token while clients connect, subscribe
 * and receive, and what it stored is what happened. {@code promtool} finds nothing wrong with a
 * scrape, and {@code /metrics} is not public.
 */
class MetricsScrapeTest {
    private static final Duration SCRAPED = Duration.ofSeconds(30);
    private static final String OFFLINE = "{\"eventType\":\"streamOffline\",\"eventData\":{\"isLive\":false}}";
    private static final int EVENTS = 4;

    @RegisterExtension
    static final TestServer server = TestServer.shared();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void prometheusSeesWhatHappened() throws Exception {
        String admin = server.adminToken();
        URI api = server.server.httpUri();
        String token = server.token("viewer");
        try (PrometheusProcess prometheus = PrometheusProcess.start(dir.resolve("prometheus"),
                api.getHost() + ":" + api.getPort(), admin)) {
            prometheus.awaitValue("up{job=\"" + PrometheusProcess.JOB + "\"}", 1, SCRAPED);
            List<RawWebSocket> sockets = new ArrayList<>();
            try {
                sockets.add(server.connect(token));
                sockets.add(server.connect(token));
                RawWebSocket byTicket = RawWebSocket.open(server.wsPort(), "/api/ws?ticket=" + server.ticket(token), Map.of());
                assertEquals(101, byTicket.response().status());
                byTicket.nextText(TestServer.WAIT);
                sockets.add(byTicket);
                for (int i = 0; i < 2; i++) {
                    try (RawWebSocket refused = RawWebSocket.open(server.wsPort(), "/api/ws",
                            Map.of("Authorization", "Bearer nk_not_a_token"))) {
                        assertEquals(401, refused.response().status());
                    }
                }
                for (RawWebSocket socket : sockets) {
                    socket.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOffline\"}}");
                    assertTrue(socket.nextText(TestServer.WAIT).contains("addSuccess"));
                }
                for (int i = 0; i < EVENTS; i++) {
                    assertEquals(202, post("/api/admin/events", admin, OFFLINE).statusCode());
                }
                for (RawWebSocket socket : sockets) {
                    for (int i = 0; i < EVENTS; i++) {
                        assertTrue(socket.nextText(TestServer.WAIT).contains("streamOffline"));
                    }
                }
                String offline = "{event_type=\"" + EventType.STREAM_OFFLINE.wireName() + "\"}";
                prometheus.awaitValue("neuroinfo_connections{auth=\"header\"}", 2, SCRAPED);
                prometheus.awaitValue("neuroinfo_connections{auth=\"ticket\"}", 1, SCRAPED);
                prometheus.awaitValue("neuroinfo_handshakes_total{outcome=\"upgraded\",status=\"101\"}", 3, SCRAPED);
                prometheus.awaitValue("neuroinfo_handshakes_total{outcome=\"invalid_token\",status=\"401\"}", 2, SCRAPED);
                prometheus.awaitValue("neuroinfo_tickets_total{outcome=\"issued\"}", 1, SCRAPED);
                prometheus.awaitValue("neuroinfo_tickets_total{outcome=\"redeemed\"}", 1, SCRAPED);
                prometheus.awaitValue("neuroinfo_subscriptions" + offline, 3, SCRAPED);
                prometheus.awaitValue("neuroinfo_events_published_total" + offline, EVENTS, SCRAPED);
                prometheus.awaitValue("neuroinfo_event_deliveries_total" + offline, 3 * EVENTS, SCRAPED);
                prometheus.awaitValue("neuroinfo_delivery_latency_seconds_count", EVENTS, SCRAPED);
                prometheus.awaitValue("neuroinfo_fanout_duration_seconds_count", EVENTS, SCRAPED);
                // 3 welcomes and 3 addSuccess replies
                prometheus.awaitValue("neuroinfo_reply_frames_total", 6, SCRAPED);
                prometheus.awaitValue("count(jvm_threads_current) > 0", 1, SCRAPED);
                sockets.remove(0).reset();
                prometheus.awaitValue("neuroinfo_connections{auth=\"header\"}", 1, SCRAPED);
                prometheus.awaitValue("sum(neuroinfo_connections_closed_total{reason=\"client\"})", 1, SCRAPED);
            } finally {
                for (RawWebSocket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void promtoolFindsNothingToComplainAbout() throws Exception {
        HttpResponse<String> scrape = get("/metrics", server.adminToken(), "text/plain");
        assertEquals(200, scrape.statusCode(), scrape.body());
        assertTrue(scrape.body().contains("neuroinfo_handshakes_total"), scrape.body());
        Process promtool = new ProcessBuilder(PrometheusProcess.executable("promtool"), "check", "metrics")
                .redirectErrorStream(true).start();
        promtool.getOutputStream().write(scrape.body().getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, promtool.exitValue(), output);
        assertEquals("", output.trim(), "promtool's complaints");
    }

    @Test
    void openMetricsOnRequest() throws Exception {
        HttpResponse<String> scrape = get("/metrics", server.adminToken(), "application/openmetrics-text; version=1.0.0");
        assertEquals(200, scrape.statusCode(), scrape.body());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        assertTrue(scrape.body().endsWith("# EOF\n"), "an OpenMetrics exposition ends with # EOF");
    }

    @Test
    void metricsAreNotPublic() throws Exception {
        assertEquals(401, get("/metrics", null, "text/plain").statusCode());
        assertEquals(401, get("/metrics", server.token("nosy"), "text/plain").statusCode(), "an API token is not enough");
    }

    private HttpResponse<String> get(String path, String token, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.server.httpUri() + path)).header("Accept", accept);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.server.httpUri() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
