package dev.neuroinfo.ws.client.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code java} code block of docs/client.md is a region of a source file in this package,
 * quoted verbatim: the build compiles the snippets, this test keeps the document in step.
 */
class ClientMdTest {
    private static final Path DOC = Path.of("..", "docs", "client.md");
    private static final Path SNIPPETS = Path.of("src", "test", "java", "dev", "neuroinfo", "ws", "client", "docs");
    /** A fenced block, possibly indented (inside a list item): group 1 is the fence's indentation. */
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^( *)```java\\n(.*?)^\\1```$", Pattern.DOTALL);
    private static final Pattern BEGIN = Pattern.compile("^\\s*// begin: (\\S+)$");

    @Test
    void everyJavaBlockIsACompiledSnippetAndEverySnippetIsShown() throws IOException {
        Map<String, String> regions = regions();
        List<String> blocks = javaBlocks(Files.readString(DOC));
        assertFalse(blocks.isEmpty());
        List<String> shown = new ArrayList<>();
        for (String block : blocks) {
            String name = regions.entrySet().stream().filter(e -> e.getValue().equals(block)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            assertTrue(name != null, "docs/client.md has a java block that is no snippet in " + SNIPPETS
                    + " (copy it there, between '// begin: NAME' and '// end: NAME'):\n" + block);
            shown.add(name);
        }
        assertEquals(regions.keySet(), java.util.Set.copyOf(shown), "every snippet is shown");
        assertEquals(regions.size(), shown.size(), "each snippet is shown once: " + shown);
    }

    private static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown);
        while (m.find()) {
            blocks.add(dedent(m.group(2).lines().toList()));
        }
        return blocks;
    }

    /** Each region's lines, less their common indentation. */
    private static Map<String, String> regions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(SNIPPETS)) {
            files = list.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher begin = BEGIN.matcher(lines.get(i));
                if (begin.matches()) {
                    String name = begin.group(1);
                    int end = i + 1;
                    while (end < lines.size() && !lines.get(end).strip().equals("// end: " + name)) {
                        end++;
                    }
                    assertTrue(end < lines.size(), file + ": '// begin: " + name + "' has no '// end: " + name + "'");
                    regions.put(name, dedent(lines.subList(i + 1, end)));
                    i = end;
                }
            }
        }
        return regions;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }
}
