package dev.neuroinfo.ws.conformance;

import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * One conformance case: it checks one clause of docs/protocol.md.
 *
 * @param id         stable case id, the clause id plus a letter, e.g. {@code HS-7a}
 * @param clause     the clause it checks, e.g. {@code HS-7}
 * @param level      the clause's level
 * @param title      what it checks, in one line
 * @param needs      flags it needs; unmet means SKIP
 * @param longestWait how long it may have to wait at the configured timings; over
 *                   {@link #SLOW_THRESHOLD} the case needs {@code --slow}
 * @param body       the check
 */
public record ConformanceCase(String id, String clause, Level level, String title, Set<Need> needs,
                              Function<SuiteConfig, Duration> longestWait, CaseBody body) {
    /** Waits longer than this need {@code --slow}. */
    public static final Duration SLOW_THRESHOLD = Duration.ofSeconds(15);

    public ConformanceCase {
        needs = Set.copyOf(needs);
    }

    /** Whether, at these timings, the case waits longer than runs without {@code --slow} allow. */
    public boolean isSlow(SuiteConfig config) {
        return longestWait.apply(config).compareTo(SLOW_THRESHOLD) > 0;
    }

    /** A case with no long wait; its level is its clause's. */
    public static ConformanceCase of(String id, String title, Set<Need> needs, CaseBody body) {
        return new ConformanceCase(id, clauseOf(id), Clauses.levelOf(clauseOf(id)), title, needs,
                c -> Duration.ZERO, body);
    }

    /** A case that waits a configuration-dependent time, e.g. the idle timeout. */
    public static ConformanceCase waiting(String id, String title, Set<Need> needs,
                                          Function<SuiteConfig, Duration> wait, CaseBody body) {
        return new ConformanceCase(id, clauseOf(id), Clauses.levelOf(clauseOf(id)), title, needs, wait, body);
    }

    /** The clause id of a case id: the id without its trailing letter. */
    static String clauseOf(String id) {
        if (!id.matches("[A-Z]+-[0-9]+[a-z]")) {
            throw new IllegalArgumentException("case ids look like HS-7a, not " + id);
        }
        return id.substring(0, id.length() - 1);
    }
}
