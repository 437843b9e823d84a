package dev.neuroinfo.ws.conformance;

import java.util.List;

/**
 * The results of one run.
 *
 * @param config  what was run against
 * @param results every selected case's result, in run order
 */
public record SuiteRun(SuiteConfig config, List<CaseResult> results) {
    public SuiteRun {
        results = List.copyOf(results);
    }

    /** True when no MUST case failed: the server conforms as far as the run could tell. */
    public boolean conforms() {
        return results.stream().noneMatch(CaseResult::failsRun);
    }

    /** How many results of a level have a verdict. */
    public long count(Level level, Verdict verdict) {
        return results.stream().filter(r -> r.testCase().level() == level && r.verdict() == verdict).count();
    }

    /** The ids of the failed cases, any level. */
    public List<String> failedIds() {
        return results.stream().filter(r -> r.verdict() == Verdict.FAIL).map(r -> r.testCase().id()).toList();
    }
}
