package dev.neuroinfo.ws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark machinery with tiny numbers against our server in-process, so that it cannot rot
 * between runs of bench/run.sh: 20 subscribers, 10 events, a short churn, the report and plots.
 * No nchan here, and no assertion on any timing.
 */
class SmokeTest {
    /**
     * The server here is this JVM, which the test's own threads and compilations keep busy, so
     * waiting for it to be idle would mostly wait out the bound.
     */
    private static final int IDLE_WAIT_SECONDS = 2;

    @TempDir
    Path dir;

    @Test
    void generatorPublisherChurnAndReportWorkAgainstOurServer() throws Exception {
        Settings settings = new Settings(List.of(20), 5, 20, List.of(5.0), 2, 10, 10, 0.5, 0.2, 2, 1, 10_000, 2, 1,
                IDLE_WAIT_SECONDS, 1, new Settings.AllCores(15, 5, 2, 1));
        Results results = new Results();
        try (EmbeddedServer embedded = EmbeddedServer.start(ServerConfig.builder().ports(0, 0)
                .dataDir(dir.resolve("data")).build());
                NeuroInfoServer server = new NeuroInfoServer(null, ProcessHandle.current().pid(), embedded.httpUri().getPort(),
                        embedded.webSocketUri().getPort(), embedded.bootstrapTokens().orElseThrow().admin().secret(), 1)) {
            Scenarios scenarios = new Scenarios(settings, results, message -> { });
            scenarios.run(server);
            scenarios.pinned(server, 1);
            scenarios.allCores(server, 1);
        }

        Results.Capacity capacity = results.capacity.get(0);
        assertEquals(20, capacity.subscribed(), "subscribed connections");
        Results.Fanout fanout = results.fanout.get(0);
        assertEquals(10, fanout.published());
        assertEquals(200, fanout.received(), "every subscriber got every event");
        assertEquals(200, fanout.publishToReceive().samples());
        assertEquals(1, results.fanout.size(), "a repeat of the targets' step is not another table row");
        assertEquals(List.of(fanout), results.targetSteps.subList(0, 1), "the first measurement is the table's");
        assertEquals(2, results.targetSteps.size(), "measured twice, as the settings ask");
        assertEquals(200, results.targetSteps.get(1).received());
        assertEquals(2, results.churn.size());
        results.churn.forEach(run -> assertTrue(run.result().cycles() > 0, run.mode() + ": " + run.result()));
        Results.PinnedRun pinned = results.pinned.get(0);
        assertEquals(200, pinned.step().received(), "20 subscribers × 10 events, pinned fresh start");
        Results.AllCoresRun allCores = results.allCores.get(0);
        assertEquals(150, allCores.cold().received(), "15 subscribers × 10 events, cold");
        assertEquals(150, allCores.warm().received(), "15 subscribers × 10 events, warm");

        Path out = dir.resolve("report");
        new Report(results, "smoke", List.of("smoke run"), settings, "").write(out.resolve("performance.md"), out.resolve("performance"));
        String report = Files.readString(out.resolve("performance.md"));
        assertTrue(report.contains("| ours | 1 |") && report.contains("| ours | 2 |"), "both measurements of the targets' step listed");
        String pinnedSection = report.substring(report.indexOf("## Pinned again"), report.indexOf("## On every CPU"));
        assertTrue(pinnedSection.contains("| 1 | ours |"), "the pinned start listed");
        assertTrue(report.contains("| 1 | ours |"), "the all-cores start listed");
        assertTrue(report.contains("| generator CPU µs/cycle |"), "the churn table gives the client's CPU too");
        assertTrue(report.contains("| of it JIT |"), "and the server's compiler share, which says whether it was warm");
        for (String png : Report.PLOTS) {
            assertTrue(Files.size(out.resolve("performance").resolve(png)) > 0, png);
        }
    }
}
