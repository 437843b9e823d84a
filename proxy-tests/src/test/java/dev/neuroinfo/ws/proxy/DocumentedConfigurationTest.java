package dev.neuroinfo.ws.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The docs show the very nginx files the tests run, verbatim, so that the two cannot drift apart. */
class DocumentedConfigurationTest {
    @Test
    void operationsShowsTheTwoPortFile() throws IOException {
        assertQuotes("operations.md", Nginx.TWO_PORTS);
    }

    @Test
    void deploymentShowsTheOnePortFile() throws IOException {
        assertQuotes("deployment.md", Nginx.ONE_PORT);
    }

    private static void assertQuotes(String doc, String file) throws IOException {
        String text = Files.readString(Path.of(System.getProperty("neuroinfo.docs", "../docs"), doc), StandardCharsets.UTF_8);
        assertTrue(text.contains("```nginx\n" + Nginx.documented(file) + "```\n"),
                "docs/" + doc + " shows docs/nginx/" + file + " verbatim in an nginx code block");
    }
}
