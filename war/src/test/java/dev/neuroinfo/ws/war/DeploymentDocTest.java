package dev.neuroinfo.ws.war;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/deployment.md shows the operator's files that the standalone container tests install:
 * each file below {@code src/deploy/} must appear there verbatim, so the two cannot drift.
 */
class DeploymentDocTest {
    @Test
    void theGuideQuotesEveryTestedFileVerbatim() throws IOException {
        Path deploy = Path.of("src/deploy");
        String guide = Files.readString(Path.of("../docs/deployment.md"), StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> all = Files.walk(deploy)) {
            files = all.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "operator files in " + deploy);
        for (Path file : files) {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(guide.contains(content + "```"),
                    "docs/deployment.md quotes " + deploy.relativize(file) + " verbatim in a code block:\n" + content);
        }
    }
}
