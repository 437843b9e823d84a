package dev.neuroinfo.ws.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The case catalogue agrees with docs/protocol.md and docs/conformance.md. */
class CatalogueTest {
    private static final Path PROTOCOL = Path.of("..", "docs", "protocol.md");
    private static final Path CONFORMANCE = Path.of("..", "docs", "conformance.md");

    @Test
    void caseIdsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (ConformanceCase c : ConformanceSuite.allCases()) {
            assertTrue(seen.add(c.id()), "duplicate case id " + c.id());
        }
    }

    @Test
    void everyCaseCitesAClauseOfTheProtocolWithItsLevel() throws IOException {
        String text = Files.readString(PROTOCOL);
        for (ConformanceCase c : ConformanceSuite.allCases()) {
            Matcher m = Pattern.compile("\\*\\*" + Pattern.quote(c.clause()) + "\\*\\* \\[(MUST|SHOULD)\\]").matcher(text);
            assertTrue(m.find(), c.id() + " cites " + c.clause() + ", which docs/protocol.md does not define");
            assertEquals(m.group(1), c.level().name(), c.id() + ": level of " + c.clause());
        }
    }

    @Test
    void mustClausesMatchTheProtocolsList() throws IOException {
        String text = Files.readString(PROTOCOL);
        Matcher m = Pattern.compile("MUST \\(\\d+ clauses;[^\\n]*\\n\\n([^\\n]+(?:\\n[^\\n]+)*)").matcher(text);
        assertTrue(m.find(), "section 12's MUST list");
        Set<String> listed = new TreeSet<>(List.of(m.group(1).replaceAll("\\s+", " ").replace(".", "").trim().split(", ")));
        assertEquals(listed, new TreeSet<>(Clauses.mustClauses()));
    }

    @Test
    void conformanceDocListsEveryCase() throws IOException {
        String doc = Files.readString(CONFORMANCE);
        for (ConformanceCase c : ConformanceSuite.allCases()) {
            assertTrue(doc.contains("| " + c.id() + " | " + c.clause() + " | " + c.level() + " |"),
                    "docs/conformance.md lists " + c.id() + " | " + c.clause() + " | " + c.level());
        }
        Matcher rows = Pattern.compile("^\\| ([A-Z]+-\\d+[a-z]) \\|", Pattern.MULTILINE).matcher(doc);
        Set<String> known = new HashSet<>();
        ConformanceSuite.allCases().forEach(c -> known.add(c.id()));
        while (rows.find()) {
            assertTrue(known.contains(rows.group(1)), "docs/conformance.md lists unknown case " + rows.group(1));
        }
    }
}
