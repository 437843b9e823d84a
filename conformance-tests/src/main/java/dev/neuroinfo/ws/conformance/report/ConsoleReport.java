package dev.neuroinfo.ws.conformance.report;

import dev.neuroinfo.ws.conformance.CaseResult;
import dev.neuroinfo.ws.conformance.Level;
import dev.neuroinfo.ws.conformance.SuiteRun;
import dev.neuroinfo.ws.conformance.Verdict;
import java.io.PrintStream;

/** The console output: one line per case as it finishes, evidence under failures, a summary. */
public final class ConsoleReport {
    private final PrintStream out;

    public ConsoleReport(PrintStream out) {
        this.out = out;
    }

    /** Prints one case's line (and, for a failure, its evidence). */
    public void caseDone(CaseResult r) {
        out.printf("%-4s %-7s %-6s %-6s %s%s%n", r.verdict(), r.testCase().id(), r.testCase().clause(),
                r.testCase().level(), r.testCase().title(),
                r.verdict() == Verdict.SKIP || r.verdict() == Verdict.NA ? "  (" + r.detail() + ")" : "");
        if (r.verdict() == Verdict.FAIL) {
            out.println("     " + r.detail());
            if (!r.wire().isEmpty()) {
                out.println("     wire:");
                r.wire().forEach(line -> out.println("       " + line));
            }
        }
        out.flush();
    }

    /** Prints the summary, MUST and SHOULD apart. */
    public void summary(SuiteRun run) {
        out.println();
        for (Level level : Level.values()) {
            out.printf("%-6s PASS %3d  FAIL %3d  SKIP %3d  N/A %3d%n", level, run.count(level, Verdict.PASS),
                    run.count(level, Verdict.FAIL), run.count(level, Verdict.SKIP), run.count(level, Verdict.NA));
        }
        var shouldFailures = run.results().stream()
                .filter(r -> r.verdict() == Verdict.FAIL && r.testCase().level() == Level.SHOULD)
                .map(r -> r.testCase().id()).toList();
        var mustFailures = run.results().stream().filter(CaseResult::failsRun).map(r -> r.testCase().id()).toList();
        if (!shouldFailures.isEmpty()) {
            out.println("SHOULD failures (our decisions; they do not fail the run): " + shouldFailures);
        }
        out.println(run.conforms()
                ? "RESULT: no MUST case failed"
                : "RESULT: NOT CONFORMING, MUST failures: " + mustFailures);
        out.flush();
    }
}
