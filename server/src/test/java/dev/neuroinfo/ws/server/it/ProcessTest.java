package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.cli.ServerMain;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as an operator runs it: a separate JVM that prints how to connect on its first
 * start and, on SIGTERM, closes every connection with 1001 and exits within five seconds.
 */
class ProcessTest {
    private static final Pattern API_TOKEN = Pattern.compile("API token \\(user demo\\): (\\S+)");

    @TempDir
    Path dataDir;

    // the banner is read line by line; a changed banner must fail the test, not hang it
    @Timeout(120)
    @Test
    void firstStartPrintsHowToConnectAndSigtermClosesWith1001() throws Exception {
        int port = EmbeddedServer.freePortPair("127.0.0.1");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(),
                "--port", String.valueOf(port), "--data-dir", dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            List<String> banner = new ArrayList<>();
            String token = null;
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.startsWith("Stop with"); line = out.readLine()) {
                banner.add(line);
                Matcher matcher = API_TOKEN.matcher(line);
                if (matcher.find()) {
                    token = matcher.group(1);
                }
            }
            String text = String.join("\n", banner);
            assertTrue(text.contains("ws://127.0.0.1:" + (port + 1) + "/api/ws"), text);
            assertTrue(text.contains("http://127.0.0.1:" + port + "/api/ws/ticket"), text);
            assertTrue(text.contains("admin token: na_"), text);
            try (RawWebSocket socket = RawWebSocket.open(port + 1, "/api/ws", Map.of("Authorization", "Bearer " + token))) {
                assertEquals(101, socket.response().status());
                assertTrue(socket.nextText(TestServer.WAIT).contains("welcome"));
                process.destroy();
                assertEquals(1001, socket.awaitClose(TestServer.WAIT, true));
            }
            assertTrue(process.waitFor(5, TimeUnit.SECONDS), "exited within 5 s of SIGTERM");
        } finally {
            process.destroyForcibly();
        }
    }
}
