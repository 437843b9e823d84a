package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alert rules and the Grafana dashboard shipped in docs/monitoring are valid and name only
 * metrics the server has, and docs/operations.md lists every metric of ours.
 */
class MonitoringDocsTest {
    private static final Path DOCS = Path.of("..", "docs");
    private static final Path RULES = DOCS.resolve("monitoring").resolve("neuroinfo-alerts.yml");
    private static final Path DASHBOARD = DOCS.resolve("monitoring").resolve("neuroinfo-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b(?:neuroinfo|jvm|process)_[a-z0-9_]+");
    private static final List<String> SUFFIXES = List.of("", "_total", "_bucket", "_count", "_sum", "_created", "_info");

    @RegisterExtension
    static final TestServer server = TestServer.shared();

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        Process promtool = new ProcessBuilder(PrometheusProcess.executable("promtool"), "check", "rules", RULES.toString())
                .redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, promtool.exitValue(), output);
    }

    @Test
    void theAlertRulesNameOnlyMetricsThatExist() throws IOException {
        List<String> unknown = unknownMetrics(Files.readString(RULES));
        assertTrue(unknown.isEmpty(), "the rules name metrics the server does not have: " + unknown);
    }

    @Test
    void everyDashboardExpressionNamesMetricsThatExist() throws IOException {
        JsonNode dashboard = TestServer.CODEC.parse(Files.readString(DASHBOARD)).orElseThrow(
                () -> new AssertionError(DASHBOARD + " is not valid JSON"));
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText())));
        assertFalse(expressions.isEmpty(), "the dashboard has panels with queries");
        for (String expression : expressions) {
            assertTrue(METRIC.matcher(expression).find(), "names no metric: " + expression);
            List<String> unknown = unknownMetrics(expression);
            assertTrue(unknown.isEmpty(), expression + " names metrics the server does not have: " + unknown);
        }
    }

    @Test
    void theOperationsGuideListsEveryMetricOfOurs() throws IOException {
        String guide = Files.readString(DOCS.resolve("operations.md"));
        for (MetricSnapshot snapshot : server.server.services().metrics().registry().scrape()) {
            String base = snapshot.getMetadata().getPrometheusName();
            String family = snapshot instanceof CounterSnapshot ? base + "_total" : base;
            if (family.startsWith("neuroinfo_")) {
                assertTrue(guide.contains("`" + family + "`"), "docs/operations.md does not list " + family);
            }
        }
    }

    private static List<String> unknownMetrics(String text) {
        Set<String> known = exposedNames();
        List<String> unknown = new ArrayList<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            if (!known.contains(matcher.group())) {
                unknown.add(matcher.group());
            }
        }
        return unknown;
    }

    /** Every name the server's metrics can appear under in an exposition. */
    private static Set<String> exposedNames() {
        Set<String> names = new HashSet<>();
        for (MetricSnapshot snapshot : server.server.services().metrics().registry().scrape()) {
            String base = snapshot.getMetadata().getPrometheusName();
            SUFFIXES.forEach(suffix -> names.add(base + suffix));
        }
        return names;
    }
}
