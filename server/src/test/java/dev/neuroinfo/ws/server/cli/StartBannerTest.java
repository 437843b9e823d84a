package dev.neuroinfo.ws.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.ServerAssembly;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import dev.neuroinfo.ws.server.redis.RedisProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start banner's commands, pasted into bash in another directory, work: on a first start, on
 * a restart, and on a cluster node that did not create the tokens (and has no admin.token).
 * Each started server is a separate JVM, as an operator runs it.
 */
class StartBannerTest {
    /** The client CLI is another module's jar; the server module's tests cannot run it. */
    private static final String CLIENT_COMMAND = "java -jar client/target/neuroinfo-ws.jar ";

    @TempDir
    Path dir;

    // the banner is read line by line; a changed banner must fail the test, not hang it
    @Timeout(180)
    @Test
    void firstStartAndRestartCommandsWork() throws Exception {
        Path data = dir.resolve("data");
        try (Server first = Server.start(data)) {
            String banner = first.banner();
            assertTrue(banner.contains("admin token: na_"), banner);
            assertTrue(banner.contains("export NEUROINFO_TOKEN=nk_"), banner);
            assertTryItWorks(banner, Map.of());
        }
        try (Server restarted = Server.start(data)) {
            String banner = restarted.banner();
            assertFalse(banner.contains("admin token:"), banner);
            assertTrue(banner.contains(data.resolve(ServerAssembly.ADMIN_TOKEN_FILE).toAbsolutePath().toString()), banner);
            assertTryItWorks(banner, Map.of());
        }
    }

    @Timeout(180)
    @Test
    void aClusterNodeWithoutTheAdminTokenFileNamesTheVariableInstead() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
             EmbeddedServer creator = EmbeddedServer.start(ServerConfig.defaults().withPorts(0, 0)
                     .withDataDir(dir.resolve("creator")).withRedis(redis.uri()));
             Server node = Server.start(dir.resolve("node"), "--redis", redis.uri())) {
            String admin = creator.bootstrapTokens().orElseThrow().admin().secret();
            String banner = node.banner();
            assertFalse(banner.contains("admin token:"), banner);
            assertFalse(banner.contains(dir.resolve("node").resolve(ServerAssembly.ADMIN_TOKEN_FILE).toString()), banner);
            assertTrue(banner.contains("NEUROINFO_ADMIN_TOKEN"), banner);
            assertTryItWorks(banner, Map.of("NEUROINFO_ADMIN_TOKEN", admin));
        }
    }

    /**
     * Runs the banner's commands (all but the client CLI's) as one bash script in an unrelated
     * directory, with no NEUROINFO_* variable but {@code environment}: the ticket request answers a
     * ticket and the publish is accepted.
     */
    private void assertTryItWorks(String banner, Map<String, String> environment) throws Exception {
        List<String> commands = new ArrayList<>();
        boolean tryIt = false;
        for (String line : banner.split("\n")) {
            tryIt |= line.startsWith("Try it");
            String command = line.strip();
            if (tryIt && line.startsWith("  ") && !command.startsWith("#") && !command.startsWith(CLIENT_COMMAND)) {
                commands.add(command);
            }
        }
        assertEquals(3, commands.size(), banner);
        Path elsewhere = Files.createTempDirectory(dir, "elsewhere");
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", String.join("\n", commands))
                .directory(elsewhere.toFile()).redirectErrorStream(true);
        bash.environment().keySet().removeIf(name -> name.startsWith("NEUROINFO_"));
        bash.environment().putAll(environment);
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("{\"data\":{\"ticket\":\""), "a ticket was issued:\n" + output + "\nfrom\n" + banner);
        assertTrue(output.contains("Published streamOffline"), "the event was published:\n" + output);
    }

    /** The server in its own JVM, started as {@code run --port P --data-dir DIR [more]}. */
    private record Server(Process process) implements AutoCloseable {
        static Server start(Path dataDir, String... more) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(), "run",
                    "--port", String.valueOf(EmbeddedServer.freePortPair("127.0.0.1")), "--data-dir", dataDir.toString()));
            command.addAll(List.of(more));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().keySet().removeIf(name -> name.startsWith("NEUROINFO_"));
            return new Server(builder.start());
        }

        /** The banner, up to its last line. */
        String banner() throws IOException {
            List<String> lines = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.startsWith("Stop with"); line = out.readLine()) {
                lines.add(line);
            }
            return String.join("\n", lines);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
