package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each code block of README.md marked {@code <!-- verbatim: FILE -->} appears in FILE (a program
 * the build runs): line for line, ignoring indentation and blank lines, where a {@code ...} line
 * (also as a comment) stands for lines left out.
 */
class ReadmeSnippetsTest {
    private static final Pattern SNIPPET = Pattern.compile("<!-- verbatim: (\\S+) -->\\n```\\w*\\n(.*?)```",
            Pattern.DOTALL);
    private static final Pattern ELLIPSIS = Pattern.compile("(//|#)?\\s*\\.\\.\\.");

    @Test
    void everyMarkedSnippetIsInItsProgram() throws IOException {
        Matcher snippets = SNIPPET.matcher(Files.readString(Path.of("README.md")));
        List<String> checked = new ArrayList<>();
        while (snippets.find()) {
            String file = snippets.group(1);
            List<String> program = lines(Files.readString(Path.of(file)));
            int from = 0;
            for (List<String> part : parts(snippets.group(2))) {
                int at = indexOf(program, part, from);
                assertTrue(at >= 0, "README.md's snippet of " + file + " is not in it from line " + from + ":\n"
                        + String.join("\n", part));
                from = at + part.size();
            }
            checked.add(file);
        }
        assertEquals(List.of("src/test/typescript/stream-online.ts", "src/test/python/stream_online.py",
                "src/test/java/dev/neuroinfo/ws/schemas/usage/StreamOnline.java"), checked);
    }

    @Test
    void aChangedSnippetIsNoLongerFound() {
        List<String> program = lines("a\n  b\n\nc\n");
        assertEquals(1, indexOf(program, lines("b\nc"), 0));
        assertEquals(-1, indexOf(program, lines("b\nd"), 0));
    }

    private static List<List<String>> parts(String snippet) {
        List<List<String>> parts = new ArrayList<>();
        List<String> part = new ArrayList<>();
        for (String line : lines(snippet)) {
            if (ELLIPSIS.matcher(line).matches()) {
                parts.add(part);
                part = new ArrayList<>();
            } else {
                part.add(line);
            }
        }
        parts.add(part);
        return parts;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static int indexOf(List<String> lines, List<String> part, int from) {
        for (int at = from; at + part.size() <= lines.size(); at++) {
            if (lines.subList(at, at + part.size()).equals(part)) {
                return at;
            }
        }
        return -1;
    }
}
