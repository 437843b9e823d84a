package dev.neuroinfo.ws.server.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The operator's tables list every setting under its catalogue names, with the catalogue's
 * default: docs/operations.md for the command line, docs/deployment.md for the WAR.
 */
class SettingsDocsTest {
    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void theCommandLineTableListsEverySetting() throws IOException {
        List<String> rows = Files.readAllLines(DOCS.resolve("operations.md"));
        for (Setting setting : Setting.values()) {
            String row = row(rows, "| `" + setting.flag() + "` | `" + setting.variable() + "` |")
                    .orElseThrow(() -> new AssertionError("docs/operations.md has no row for " + setting.flag()));
            assertDefault(setting, row.split("\\|")[3], "docs/operations.md");
        }
    }

    @Test
    void theWarTableListsEverySettingTheWarReads() throws IOException {
        List<String> rows = Files.readAllLines(DOCS.resolve("deployment.md"));
        for (Setting setting : Setting.values()) {
            Optional<String> row = row(rows, "| `" + setting.variable() + "` |");
            assertTrue(row.isPresent() == setting.inWar(), "docs/deployment.md lists " + setting.variable()
                    + (setting.inWar() ? " (the WAR reads it)" : " only if the WAR reads it"));
            // the data directory and the public URL are the two defaults the WAR takes from its context path
            if (row.isPresent() && setting != Setting.DATA_DIR && setting != Setting.PUBLIC_WS_URL) {
                assertDefault(setting, row.get().split("\\|")[2], "docs/deployment.md");
            }
        }
    }

    private static Optional<String> row(List<String> rows, String start) {
        return rows.stream().filter(line -> line.startsWith(start)).findFirst();
    }

    private static void assertDefault(Setting setting, String cell, String doc) {
        String shown = setting.defaultText();
        if (shown != null && setting.kind() != Setting.Kind.BOOLEAN) {
            assertTrue(cell.trim().startsWith("`" + shown + "`"), doc + " gives " + setting.variable()
                    + " the default " + cell.trim() + ", the server " + shown);
        }
    }
}
