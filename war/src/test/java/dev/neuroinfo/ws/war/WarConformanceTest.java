package dev.neuroinfo.ws.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroinfo.ws.conformance.SuiteConfig;
import dev.neuroinfo.ws.conformance.SuiteRun;
import dev.neuroinfo.ws.conformance.Verdict;
import dev.neuroinfo.ws.protocol.CloseCodes;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.wire.Teardown;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the packaged WAR in a container and the conformance suite against it: every case's verdict
 * must be the one expected for this container ({@link ExpectedVerdicts}). Two container instances, each on its own free port: one with the default settings
 * at the root context and a second copy at {@value #CONTEXT}, one with in-band authentication
 * and the recovery extension on at the root (the suite addresses the HTTP API at the root of its
 * base URL). So the suite's recovery cases are not applicable on the first and run on the second,
 * where the seed's cases also show that the extension changes nothing for clients unaware of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class WarConformanceTest {
    /** Short keepalive timings so that the suite's keepalive cases run without waiting a minute. */
    static final Duration PING = Duration.ofSeconds(2);
    static final Duration IDLE = Duration.ofSeconds(5);
    static final String CONTEXT = "/neuroinfo";
    /**
     * A small outbound queue, so that the slow-consumer check overflows it quickly, yet larger than
     * the inbound burst: LIM-10a's burst of requests is answered at once, and a queue smaller than
     * the burst would close a client that reads its replies a little later as a slow consumer.
     */
    static final int QUEUE_LIMIT = 2 * Limits.INBOUND_MESSAGE_BURST;

    private static final ObjectMapper JSON = AdminClient.JSON;

    private final String name;
    private final WarContainer container;
    private final RawHandshake.NotUpgradable notUpgradable;
    private final boolean slow;
    private final HttpClient http = HttpClient.newHttpClient();
    private Path work;
    private final List<AutoCloseable> running = new ArrayList<>();
    private int port;
    private int inbandPort;

    /**
     * @param name          for reports
     * @param container     starts the container
     * @param notUpgradable a handshake that reaches the application, passes the gate, and that this
     *                      container nevertheless does not upgrade; null when none is known
     * @param slow          whether the root deployment's suite runs with {@code --slow}: its only slow
     *                      case (TK-12a, ticket expiry, 32 s) tests the WAR's ticket store, not the
     *                      container, so one container runs it
     */
    WarConformanceTest(String name, WarContainer container, RawHandshake.NotUpgradable notUpgradable, boolean slow) {
        this.name = name;
        this.container = container;
        this.notUpgradable = notUpgradable;
        this.slow = slow;
    }

    @BeforeAll
    void deploy() throws Exception {
        Path war = Path.of(System.getProperty("neuroinfo.war", "target/neuroinfo-server.war"));
        assertTrue(Files.isRegularFile(war), "the packaged WAR at " + war);
        work = Files.createTempDirectory("neuroinfo-war-" + name);
        WarContainer.Started main = container.startOnFreePort(war, work.resolve("main"),
                on -> List.of(deployment(on, "", false), deployment(on, CONTEXT, false)));
        running.add(main.container());
        port = main.port();
        WarContainer.Started inband = container.startOnFreePort(war, work.resolve("inband"),
                on -> List.of(deployment(on, "", true)));
        running.add(inband.container());
        inbandPort = inband.port();
    }

    /** A deployment with the default settings, or with in-band authentication and the recovery extension on. */
    private Deployment deployment(int on, String contextPath, boolean inbandAndRecovery) {
        return new Deployment(contextPath, Map.of(
                "NEUROINFO_DATA_DIR", dataDir(on, contextPath).toString(),
                "NEUROINFO_PUBLIC_WS_URL", uri("ws", on, contextPath + "/api/ws").toString(),
                "NEUROINFO_INBAND_AUTH", String.valueOf(inbandAndRecovery),
                "NEUROINFO_RECOVERY", String.valueOf(inbandAndRecovery),
                "NEUROINFO_PING_INTERVAL", String.valueOf(PING.toSeconds()),
                "NEUROINFO_IDLE_TIMEOUT", String.valueOf(IDLE.toSeconds()),
                "NEUROINFO_QUEUE_LIMIT", String.valueOf(QUEUE_LIMIT)));
    }

    private Path dataDir(int on, String contextPath) {
        return work.resolve("data-" + on + (contextPath.isEmpty() ? "-root" : contextPath.replace('/', '-')));
    }

    /** Stops every container, even after one fails to stop, and removes their files and data. */
    @AfterAll
    void undeploy() throws Exception {
        try {
            Teardown.closeAll(running);
        } finally {
            if (work != null) {
                Copies.delete(work);
            }
        }
    }

    /** Last: stopping the container closes every connection with 1001 (KA-7). */
    @Test
    @Order(Integer.MAX_VALUE)
    void stoppingTheContainerClosesEveryConnectionWithGoingAway() throws Exception {
        String token = admin(port, "").create("shutdown", false).secret();
        try (ClosingClients clients = new ClosingClients(uri("ws", port, "/api/ws"), token, 3)) {
            running.remove(0).close();
            assertEquals(List.of(CloseCodes.GOING_AWAY, CloseCodes.GOING_AWAY, CloseCodes.GOING_AWAY),
                    clients.closeCodes(30), "close codes; connections that failed: " + clients.errors());
        }
    }

    @Test
    void rootDeploymentConforms() throws Exception {
        // KA-6d's verdict is the container's (its own limits judge frames, see expected-verdicts/)
        SuiteConfig config = suiteConfig(port, "");
        SuiteDriver.runAndCheck(name + "-root", slow ? SuiteDriver.slow(config) : config);
    }

    @Test
    void inbandDeploymentConforms() throws Exception {
        SuiteRun run = SuiteDriver.runAndCheck(name + "-inband", suiteConfig(inbandPort, "").withInbandAuth(true));
        assertTrue(run.results().stream().anyMatch(r -> r.testCase().clause().startsWith("IBA")
                && r.verdict() == Verdict.PASS), "in-band authentication cases ran and passed");
    }

    /** REC-9 by hand: a dropped client gets the events of its gap from the history, then live ones. */
    @Test
    void aReconnectingClientRecoversWhatItMissed() throws Exception {
        RecoveryCheck.reconnectRecoversTheGap(uri("http", inbandPort, ""), uri("ws", inbandPort, "/api/ws"),
                admin(inbandPort, ""));
    }

    @Test
    void revokingATokenClosesItsConnections() throws Exception {
        ContainerChecks.revocationClosesConnections(uri("ws", port, "/api/ws"), admin(port, ""));
    }

    @Test
    void connectionsDroppedRightAfterTheUpgradeFreeTheirSlots() throws Exception {
        ContainerChecks.droppedConnectionsFreeTheirSlots(uri("ws", port, "/api/ws"), admin(port, ""),
                ContainerChecks.DROP_RELEASE);
    }

    @Test
    void protocolViolationsAreClosedWithTheirCloseFrameEveryTime() throws Exception {
        ContainerChecks.protocolViolationsAreClosedWithTheirCode(uri("ws", port, "/api/ws"), admin(port, ""));
    }

    @Test
    void aSlowConsumerIsClosedAndOthersKeepReceiving() throws Exception {
        ContainerChecks.slowConsumerIsClosed(uri("ws", port, "/api/ws"), admin(port, ""));
    }

    /** The same API below a context path: ticket, handshake refusals with exact bodies, welcome. */
    @Test
    void servesBelowAContextPath() throws Exception {
        String token = admin(port, CONTEXT).create("context-path", false).secret();
        assertEquals(200, http.send(HttpRequest.newBuilder(uri("http", port, CONTEXT + "/api/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        HttpResponse<String> ticket = http.send(HttpRequest.newBuilder(uri("http", port, CONTEXT + "/api/ws/ticket"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ticket.statusCode(), ticket.body());
        JsonNode data = JSON.readTree(ticket.body()).path("data");
        assertEquals("Connect with " + uri("ws", port, CONTEXT + "/api/ws") + "?ticket=<ticket>", data.path("usage").asText());

        RawHandshake.Answer welcomed = RawHandshake.upgrade(
                uri("ws", port, CONTEXT + "/api/ws?ticket=" + data.path("ticket").asText()), null);
        assertEquals(101, welcomed.status());
        assertEquals("welcome", JSON.readTree(welcomed.body()).path("type").asText(), welcomed.body());

        RawHandshake.Answer again = RawHandshake.upgrade(
                uri("ws", port, CONTEXT + "/api/ws?ticket=" + data.path("ticket").asText()), null);
        assertRefusal(again, 401, "Invalid or expired ticket");
        assertRefusal(RawHandshake.upgrade(uri("ws", port, CONTEXT + "/api/ws"), null), 401,
                "Missing authentication (ticket or token required)");
        assertRefusal(RawHandshake.upgrade(uri("ws", port, CONTEXT + "/api/other"), "Bearer " + token), 404, "Not Found");
        // the root deployment does not know this deployment's tokens
        assertRefusal(RawHandshake.upgrade(uri("ws", port, "/api/ws"), "Bearer " + token), 401,
                "Invalid or expired token");
    }

    /**
     * A handshake the gate admits but the container does not upgrade must give its slot back and
     * be answered 500 'Upgrade failed' (HS-12), not fall through to the HTTP API.
     */
    @Test
    void anAdmittedHandshakeThatIsNotUpgradedFreesItsSlot() throws Exception {
        assumeTrue(notUpgradable != null, name + ": no handshake known that passes the gate and is not upgraded");
        String token = admin(port, "").create("not-upgraded", false).secret();
        URI ws = uri("ws", port, "/api/ws");
        for (int i = 0; i < 2 * Limits.MAX_CONNECTIONS_PER_USER; i++) {
            RawHandshake.Answer answer = RawHandshake.upgrade(ws, "Bearer " + token, notUpgradable);
            assertRefusal(answer, 500, "Upgrade failed");
        }
        List<WebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < Limits.MAX_CONNECTIONS_PER_USER; i++) {
                open.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                        .buildAsync(ws, new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS));
            }
            assertRefusal(RawHandshake.upgrade(ws, "Bearer " + token), 429, "Connection limit reached (max 5)");
        } finally {
            open.forEach(WebSocket::abort);
        }
    }

    /** HS-4: an upgrade over HTTP/1.0 is refused by the gate on every container. */
    @Test
    void anHttp10UpgradeIsABadRequest() throws Exception {
        String token = admin(port, "").create("http10", false).secret();
        assertRefusal(RawHandshake.upgrade(uri("ws", port, "/api/ws"), "Bearer " + token,
                new RawHandshake.NotUpgradable("Upgrade", "HTTP/1.0")), 400, "Bad Request");
    }

    /** Metrics for an admin token only, counting this deployment's handshakes; readiness. */
    @Test
    void servesMetricsAndReadiness() throws Exception {
        String admin = admin(port, CONTEXT).adminToken();
        assertEquals(401, get(CONTEXT + "/metrics", null).statusCode(), "metrics are not public");
        String refusals = "neuroinfo_handshakes_total{outcome=\"missing_authentication\",status=\"401\"} ";
        double before = sample(get(CONTEXT + "/metrics", admin).body(), refusals);
        assertRefusal(RawHandshake.upgrade(uri("ws", port, CONTEXT + "/api/ws"), null), 401,
                "Missing authentication (ticket or token required)");
        HttpResponse<String> scrape = get(CONTEXT + "/metrics", admin);
        assertEquals(200, scrape.statusCode(), scrape.body());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), scrape.headers().toString());
        assertEquals(before + 1, sample(scrape.body(), refusals), scrape.body());
        assertTrue(scrape.body().contains("jvm_threads_current "), "the JVM's metrics too");
        HttpResponse<String> ready = get(CONTEXT + "/api/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("ready", JSON.readTree(ready.body()).path("status").asText());
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("http", port, path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the exposition line starting with {@code prefix} (name, labels and a space). */
    private static double sample(String exposition, String prefix) {
        return AdminClient.sample(exposition, prefix)
                .orElseThrow(() -> new AssertionError("no " + prefix + "in\n" + exposition));
    }

    @Test
    void unknownPathsGetTheApiJsonNotFound() throws Exception {
        for (String path : List.of("/nothing-here", "/api/nothing", CONTEXT + "/api/ws/nothing")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("http", port, path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode(), path);
            assertEquals("AP3", JSON.readTree(response.body()).path("error").path("code").asText(), path);
        }
    }

    private static void assertRefusal(RawHandshake.Answer answer, int status, String body) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals("text/plain;charset=utf-8", answer.headers().get("content-type").replace(" ", "").toLowerCase(),
                answer.toString());
        assertEquals(body, answer.body());
    }

    private SuiteConfig suiteConfig(int on, String contextPath) throws IOException, InterruptedException {
        return SuiteDriver.config(uri("http", on, contextPath), admin(on, contextPath), PING, IDLE);
    }

    private AdminClient admin(int on, String contextPath) throws IOException {
        return new AdminClient(uri("http", on, contextPath), dataDir(on, contextPath));
    }

    private static URI uri(String scheme, int on, String path) {
        return URI.create(scheme + "://127.0.0.1:" + on + path);
    }
}
