package dev.neuroinfo.ws.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's own decisions: the targets it judges, and a partial run, where what was not measured
 * is left out, not a crash after the run.
 */
class ReportTest {
    @TempDir
    Path dir;

    private static Results.Fanout step(String server, long p99Micros) {
        return new Results.Fanout(server, 100, 5, 10, 5, 1_000, 1_000, new LatencyRecorder.Summary(1_000, 2_000, p99Micros,
                p99Micros), new LatencyRecorder.Summary(1_000, 2_000, p99Micros, p99Micros), 10, 0, 2, 0.02, 0, null);
    }

    private static final Settings SETTINGS = new Settings(List.of(100), 5, 100, List.of(1.0), 2, 10, 300, 1, 1, 4, 20,
            1_000, 1, 1, 60, 1, new Settings.AllCores(100, 1, 2, 0));

    private static Results.ChurnRun churn(String server, boolean withTicket, long cycles) {
        return new Results.ChurnRun(server, withTicket ? "ticket" : "header", withTicket,
                new Churn.Result(cycles, 0, 10, null), 100, 0, 100);
    }

    private String report(Results results) throws Exception {
        Path markdown = dir.resolve("performance.md");
        new Report(results, "test machine", List.of(), SETTINGS, "").write(markdown, dir.resolve("assets"));
        return Files.readString(markdown);
    }

    @Test
    void theChurnTargetsCompareEachModeWithNchansCyclesPerSecond() throws Exception {
        Results results = new Results();
        results.churn.add(churn("ours", false, 45_000));
        results.churn.add(churn("ours", true, 25_000));
        results.churn.add(churn("nchan", false, 50_000));

        String text = report(results);

        assertTrue(text.contains("| churn cycles/s, handshake with the API token ≥ nchan's | 4,500/s | 5,000/s | 0.90 | **no** |"),
                text);
        assertTrue(text.contains("| churn cycles/s with a ticket first ≥ 0.5 × nchan's | 2,500/s | 5,000/s | 0.50 | yes |"),
                text);
    }

    @Test
    void pinnedStartsWithoutTheMainPassesTargetStepGiveTheirMediansOnly() throws Exception {
        Results results = new Results();
        results.pinned.add(new Results.PinnedRun("ours", 1, step("ours", 8_000)));
        results.pinned.add(new Results.PinnedRun("nchan", 1, step("nchan", 4_000)));
        String text = report(results);
        assertTrue(text.contains("| p99 ms, interleaved starts | 8.0 | 4.0 | 2.00 |"), text);
        assertFalse(text.contains("main pass |"), "no main-pass medians without its measurements");
    }
}
