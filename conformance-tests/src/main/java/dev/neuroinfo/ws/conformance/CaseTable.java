package dev.neuroinfo.ws.conformance;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/** The case catalogue as a Markdown table, as printed by {@code --list} and kept in docs/conformance.md. */
final class CaseTable {
    private static final SuiteConfig DEFAULT_TIMINGS =
            SuiteConfig.of(URI.create("http://h:1"), URI.create("ws://h:2/api/ws"), "t");

    private CaseTable() {
    }

    static String markdown(List<ConformanceCase> cases) {
        StringBuilder out = new StringBuilder("| case | clause | level | needs | checks |\n|---|---|---|---|---|\n");
        for (ConformanceCase c : cases) {
            String needs = c.needs().stream().map(Need::flag).sorted().collect(Collectors.joining(", "));
            if (c.isSlow(DEFAULT_TIMINGS)) {
                needs = needs.isEmpty() ? "--slow at default timings" : needs + "; --slow at default timings";
            }
            out.append("| ").append(c.id()).append(" | ").append(c.clause()).append(" | ").append(c.level())
                    .append(" | ").append(needs.isEmpty() ? "-" : needs).append(" | ")
                    .append(c.title().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }
}
