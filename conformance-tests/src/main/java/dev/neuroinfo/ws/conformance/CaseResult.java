package dev.neuroinfo.ws.conformance;

import java.util.List;

/**
 * The outcome of one case.
 *
 * @param testCase the case
 * @param verdict  PASS, FAIL, SKIP or NA
 * @param detail   for FAIL what was expected and what came; for SKIP and NA why; empty on PASS
 * @param wire     for FAIL the transcript of what was sent and received (secrets redacted)
 * @param millis   how long it ran
 */
public record CaseResult(ConformanceCase testCase, Verdict verdict, String detail, List<String> wire, long millis) {
    public CaseResult {
        wire = List.copyOf(wire);
    }

    /** Whether this result fails the run: a failed MUST case. */
    public boolean failsRun() {
        return verdict == Verdict.FAIL && testCase.level() == Level.MUST;
    }
}
