package dev.neuroinfo.ws.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroinfo.ws.conformance.CaseResult;
import dev.neuroinfo.ws.conformance.ConformanceSuite;
import dev.neuroinfo.ws.conformance.Need;
import dev.neuroinfo.ws.conformance.SuiteConfig;
import dev.neuroinfo.ws.conformance.SuiteRun;
import dev.neuroinfo.ws.conformance.Verdict;
import dev.neuroinfo.ws.conformance.report.ConsoleReport;
import dev.neuroinfo.ws.conformance.report.JUnitXmlReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The conformance suite through nginx, and what nginx logged of it. */
final class ThroughNginx {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tells this check's upgrade apart in the access log. */
    private static final String LOG_CHECK_AGENT = "neuroinfo-ticket-log-check";
    private static final long LOG_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private ThroughNginx() {
    }

    /** https and wss URLs of the suite for nginx on {@code port}. */
    static URI https(int port) {
        return URI.create("https://127.0.0.1:" + port);
    }

    static URI wss(int port) {
        return URI.create("wss://127.0.0.1:" + port + "/api/ws");
    }

    /**
     * Runs the suite and checks every case's verdict: PASS, but SKIP for the in-band cases (no
     * server here runs that mode) and for the cases this configuration calls slow, and N/A for the
     * recovery cases (no server here runs that extension). A case whose verdict is the container's,
     * not ours, is named in {@code containerVerdicts} with the verdict the container gives it.
     */
    static void assertSuitePasses(String label, SuiteConfig config) throws IOException {
        assertSuitePasses(label, config, Map.of());
    }

    static void assertSuitePasses(String label, SuiteConfig config, Map<String, Verdict> containerVerdicts)
            throws IOException {
        Path reports = Path.of(System.getProperty("neuroinfo.reports", "target/conformance")).resolve(label);
        System.out.println("== conformance suite through nginx: " + label + " (" + config.http() + ", " + config.ws() + ")");
        ConsoleReport console = new ConsoleReport(System.out);
        SuiteRun run = ConformanceSuite.run(config.withReportDir(reports), console::caseDone);
        console.summary(run);
        JUnitXmlReport.write(run, reports);
        Map<String, Verdict> expected = new TreeMap<>();
        for (CaseResult result : run.results()) {
            boolean skipped = result.testCase().needs().contains(Need.INBAND_AUTH) || result.testCase().isSlow(config);
            // no server here runs the recovery extension, whose cases are then not applicable
            boolean notOffered = result.testCase().clause().startsWith("REC-");
            expected.put(result.testCase().id(), skipped ? Verdict.SKIP : notOffered ? Verdict.NA : Verdict.PASS);
        }
        expected.putAll(containerVerdicts);
        assertTrue(expected.size() > 50, "the suite ran its cases: " + expected.size());
        List<String> unexpected = run.results().stream()
                .filter(r -> r.verdict() != expected.get(r.testCase().id()))
                .map(r -> r.testCase().id() + " " + r.verdict() + " (expected " + expected.get(r.testCase().id()) + "): "
                        + r.detail() + "\n" + String.join("\n", r.wire()))
                .toList();
        assertTrue(unexpected.isEmpty(), String.join("\n\n", unexpected));
    }

    /**
     * A ticket fetched over https and redeemed over wss through nginx is nowhere in nginx's logs,
     * though the upgrade itself is in the access log.
     */
    static void assertNoTicketLogged(Nginx nginx, String token) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(https(nginx.port()) + "/api/ws/ticket"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        String ticket = JSON.readTree(response.body()).path("data").path("ticket").asText();
        assertFalse(ticket.isEmpty(), response.body());
        WebSocket socket = http.newWebSocketBuilder().header("User-Agent", LOG_CHECK_AGENT)
                .buildAsync(URI.create(wss(nginx.port()) + "?ticket=" + ticket), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        socket.abort();
        // nginx writes an upgraded request's line when its connection ends
        long deadline = System.nanoTime() + LOG_WAIT_NANOS;
        while (nginx.accessLog().lines().noneMatch(line -> line.contains(" 101 ") && line.contains(LOG_CHECK_AGENT))) {
            assertTrue(System.nanoTime() < deadline, "the upgrade is in the access log:\n" + nginx.accessLog());
            Thread.sleep(50);
        }
        String logs = nginx.logs();
        assertFalse(logs.contains(ticket), "a ticket is in nginx's log");
        assertFalse(logs.contains("ticket="), "a ticket query string is in nginx's log");
    }
}
