package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Python from the bundle with quicktype, run by python3: the program in {@code src/test/python}
 * picks the streamOnline title out of real server frames and builds an addEvent frame.
 */
class PythonGenerationTest {
    private static final Path SOURCES = Path.of("src", "test", "python").toAbsolutePath();

    @Test
    void theProgramFindsStreamOnlineTitlesInServerFramesAndBuildsAnAddEvent() throws IOException {
        Path work = Path.of("target", "python").toAbsolutePath();
        Files.createDirectories(work);
        Files.copy(SOURCES.resolve("stream_online.py"), work.resolve("stream_online.py"),
                StandardCopyOption.REPLACE_EXISTING);
        String bundle = Path.of("target", "classes").resolve(Schemas.BUNDLE).toAbsolutePath().toString();
        NodeTools.run(work, "", NodeTools.bin("quicktype"), "--src-lang", "schema", "--lang", "python",
                "--python-version", "3.7", "--out", "neuroinfo_ws.py",
                bundle + SchemaBundler.pointerTo(Schemas.SERVER_MESSAGE), bundle + SchemaBundler.pointerTo("add-event.json"));
        List<String> output = NodeTools.run(work, ServerFrames.lines(), "python3", "stream_online.py").lines().toList();
        assertEquals(ServerFrames.expectedOutput(ServerFrames.assertSubscribesToStreamOnline(output)), output);
    }
}
