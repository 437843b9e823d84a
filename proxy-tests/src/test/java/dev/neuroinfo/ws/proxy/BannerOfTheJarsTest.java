package dev.neuroinfo.ws.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.cli.ServerProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built server jar, started as the README says, prints commands that work pasted into bash
 * in the project's folder: a ticket with curl, the client jar's listen, a publish through the
 * server jar. (The server module's own test covers restarts and cluster nodes.)
 */
class BannerOfTheJarsTest {
    private static final Path PROJECT = Path.of(System.getProperty("neuroinfo.project", ".."));

    @TempDir
    Path dir;

    @Timeout(180)
    @Test
    void everyCommandOfAFirstStartWorks() throws Exception {
        try (ServerProcess.Started server = ServerProcess.startOnFreePorts(port -> List.of(ServerProcess.java(), "-jar",
                PROJECT.resolve("server/target/neuroinfo-server.jar").toString(),
                "--port", String.valueOf(port), "--data-dir", dir.resolve("data").toString()))) {
            String banner = server.banner();
            List<String> commands = ServerProcess.commands(banner);
            assertEquals(4, commands.size(), banner);
            assertTrue(commands.get(3).contains(" -jar " + PROJECT.resolve("server/target/neuroinfo-server.jar")
                    .toAbsolutePath().normalize() + " publish "), banner);

            // the client keeps listening: its last line replaces bash, so that stopping it stops the client
            Process listen = ServerProcess.bash(List.of(commands.get(0), "exec " + commands.get(2)), PROJECT, Map.of());
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(listen.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                while (line != null && !line.equals("neuroinfo-ws: subscribed to streamOnline")) {
                    line = out.readLine();
                }
                assertEquals("neuroinfo-ws: subscribed to streamOnline", line, "the client connected and subscribed");
            } finally {
                listen.destroy();
                listen.waitFor(10, TimeUnit.SECONDS);
            }

            Process rest = ServerProcess.bash(List.of(commands.get(0), commands.get(1), commands.get(3)), dir, Map.of());
            String output = new String(rest.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(rest.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, rest.exitValue(), output);
            assertTrue(output.contains("{\"data\":{\"ticket\":\""), output);
            assertTrue(output.contains("Published streamOffline"), output);
        }
    }
}
