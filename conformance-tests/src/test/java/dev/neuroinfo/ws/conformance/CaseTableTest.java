package dev.neuroinfo.ws.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The case table in docs/conformance.md is what {@code --list} prints, so the two cannot drift. */
class CaseTableTest {
    @Test
    void theDocumentedTableIsTheListedOne() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "conformance.md"));
        int start = doc.indexOf("| case | clause | level | needs | checks |");
        String table = Arrays.stream(doc.substring(start).split("\n"))
                .takeWhile(line -> line.startsWith("|"))
                .collect(Collectors.joining("\n", "", "\n"));

        assertEquals(CaseTable.markdown(ConformanceSuite.allCases()), table);
    }

    @Test
    void onlyWaitsOverTheThresholdAskForSlowAtDefaultTimings() {
        String table = CaseTable.markdown(ConformanceSuite.allCases());

        assertEquals(false, table.contains("| IBA-8a | IBA-8 | SHOULD | --inband-auth; --slow"),
                "IBA-8a waits 13 s at default timings, under the 15 s threshold");
    }
}
