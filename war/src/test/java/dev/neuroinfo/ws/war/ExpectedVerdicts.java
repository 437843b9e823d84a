package dev.neuroinfo.ws.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.conformance.CaseResult;
import dev.neuroinfo.ws.conformance.Level;
import dev.neuroinfo.ws.conformance.SuiteRun;
import dev.neuroinfo.ws.conformance.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict every case must have on one container and deployment: PASS unless the resource
 * {@code expected-verdicts/<label>.txt} names another, one case a line ({@code ID VERDICT why}).
 * An id may end in {@code *} to name every case that starts so, e.g. {@code REC-*}; a case's own
 * line wins over such a pattern. A SKIP, an N/A or a failure is therefore never tolerated
 * silently: it is expected, with its reason, or the run fails; and a listed case, or a pattern,
 * that did not run fails it too.
 */
final class ExpectedVerdicts {
    private final String label;
    private final Map<String, Verdict> expected;

    private ExpectedVerdicts(String label, Map<String, Verdict> expected) {
        this.label = label;
        this.expected = expected;
    }

    /** The expectations for a label such as {@code tomcat-root}; none listed means all PASS. */
    static ExpectedVerdicts of(String label) throws IOException {
        Map<String, Verdict> expected = new LinkedHashMap<>();
        try (InputStream in = ExpectedVerdicts.class.getResourceAsStream("/expected-verdicts/" + label + ".txt")) {
            if (in != null) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = reader.readLine()) != null; ) {
                    String trimmed = line.strip();
                    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                        continue;
                    }
                    String[] fields = trimmed.split("\\s+", 3);
                    if (fields.length < 3) {
                        throw new IllegalArgumentException(label + ": '" + line + "' lacks the verdict's reason");
                    }
                    expected.put(fields[0], Verdict.valueOf(fields[1]));
                }
            }
        }
        return new ExpectedVerdicts(label, expected);
    }

    /** Fails listing every case whose verdict differs from the expected one. */
    void check(SuiteRun run) {
        assertTrue(run.count(Level.MUST, Verdict.PASS) > 0, "MUST cases ran");
        List<String> differences = new ArrayList<>();
        Map<String, Verdict> unseen = new LinkedHashMap<>(expected);
        for (CaseResult result : run.results()) {
            String id = result.testCase().id();
            String line = listedFor(id);
            Verdict wanted = line == null ? Verdict.PASS : expected.get(line);
            unseen.remove(line);
            if (result.verdict() != wanted) {
                differences.add(id + " (" + result.testCase().level() + "): expected " + wanted + ", was "
                        + result.verdict() + (result.detail().isEmpty() ? "" : ": " + result.detail()));
            }
        }
        unseen.forEach((id, verdict) -> differences.add(id + ": expected " + verdict + ", did not run"));
        assertEquals(List.of(), differences, label + ": verdicts differing from expected-verdicts/" + label + ".txt");
    }

    /** The listed id or pattern that names a case, or null when none does. */
    private String listedFor(String caseId) {
        if (expected.containsKey(caseId)) {
            return caseId;
        }
        return expected.keySet().stream()
                .filter(listed -> listed.endsWith("*") && caseId.startsWith(listed.substring(0, listed.length() - 1)))
                .findFirst().orElse(null);
    }
}
