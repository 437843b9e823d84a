package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TypeScript from the bundle with json-schema-to-typescript, compiled by {@code tsc --strict}: the
 * program in {@code src/test/typescript} narrows real server frames to streamOnline and reads the
 * title, and reading it without narrowing does not compile.
 */
class TypeScriptGenerationTest {
    private static final Path SOURCES = Path.of("src", "test", "typescript").toAbsolutePath();
    /** Inside the tools' directory, so that tsc finds {@code @types/node} in its node_modules. */
    private static Path work;

    @BeforeAll
    static void generateTypes() throws IOException {
        work = NodeTools.home().resolve("typescript");
        Files.createDirectories(work);
        for (String program : List.of("stream-online.ts", "unnarrowed.ts")) {
            Files.copy(SOURCES.resolve(program), work.resolve(program), StandardCopyOption.REPLACE_EXISTING);
        }
        Path bundle = Path.of("target", "classes").resolve(Schemas.BUNDLE).toAbsolutePath();
        NodeTools.run(work, "", NodeTools.bin("json2ts"), "--input", bundle.toString(),
                "--output", work.resolve("neuroinfo-ws.ts").toString(), "--unreachableDefinitions");
    }

    @Test
    void theProgramNarrowsServerFramesToStreamOnlineAndBuildsAnAddEvent() {
        NodeTools.run(work, "", NodeTools.bin("tsc"), "--strict", "--types", "node", "--module", "commonjs",
                "--target", "es2022", "--outDir", "out", "stream-online.ts");
        List<String> output = NodeTools.run(work, ServerFrames.lines(), "node", "out/stream-online.js").lines().toList();
        assertEquals(ServerFrames.expectedOutput(ServerFrames.assertSubscribesToStreamOnline(output)), output);
    }

    @Test
    void readingTheTitleWithoutNarrowingDoesNotCompile() {
        String errors = NodeTools.runFailing(work, NodeTools.bin("tsc"), "--strict", "--types", "node", "--noEmit",
                "unnarrowed.ts");
        assertTrue(errors.contains("unnarrowed.ts(8,"), errors);
    }
}
