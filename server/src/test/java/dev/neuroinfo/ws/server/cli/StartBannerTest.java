package dev.neuroinfo.ws.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.ServerCore;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import dev.neuroinfo.ws.server.redis.RedisProcess;
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
 * Each started server is a separate JVM, as an operator runs it. (The client CLI's command needs
 * the client module's jar: proxy-tests runs it, with the server's jar.)
 */
class StartBannerTest {
    private static final String CLIENT_COMMAND = "java -jar client/target/neuroinfo-ws.jar ";

    @TempDir
    Path dir;

    // ServerProcess bounds the wait for a banner; this bounds the whole, the bash scripts too
    @Timeout(180)
    @Test
    void firstStartAndRestartCommandsWork() throws Exception {
        Path data = dir.resolve("data");
        try (ServerProcess.Started first = start(data)) {
            String banner = first.banner();
            assertTrue(banner.contains("admin token: na_"), banner);
            assertTrue(banner.contains("export NEUROINFO_TOKEN=nk_"), banner);
            assertTryItWorks(banner, Map.of());
        }
        try (ServerProcess.Started restarted = start(data)) {
            String banner = restarted.banner();
            assertFalse(banner.contains("admin token:"), banner);
            assertTrue(banner.contains(data.resolve(ServerCore.ADMIN_TOKEN_FILE).toAbsolutePath().toString()), banner);
            assertTryItWorks(banner, Map.of());
        }
    }

    @Timeout(180)
    @Test
    void aClusterNodeWithoutTheAdminTokenFileNamesTheVariableInstead() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
             EmbeddedServer creator = EmbeddedServer.start(ServerConfig.builder().ports(0, 0)
                     .dataDir(dir.resolve("creator")).redisUri(redis.uri()).build());
             ServerProcess.Started node = start(dir.resolve("node"), "--redis", redis.uri())) {
            String admin = creator.bootstrapTokens().orElseThrow().admin().secret();
            String banner = node.banner();
            assertFalse(banner.contains("admin token:"), banner);
            assertFalse(banner.contains(dir.resolve("node").resolve(ServerCore.ADMIN_TOKEN_FILE).toString()), banner);
            assertTrue(banner.contains("NEUROINFO_ADMIN_TOKEN"), banner);
            assertTryItWorks(banner, Map.of("NEUROINFO_ADMIN_TOKEN", admin));
        }
    }

    /** {@code run --port P --data-dir DIR [more]} from this test's class path, P a free port. */
    private static ServerProcess.Started start(Path dataDir, String... more) throws Exception {
        return ServerProcess.startOnFreePorts(port -> {
            List<String> arguments = new ArrayList<>(List.of("run", "--port", String.valueOf(port),
                    "--data-dir", dataDir.toString()));
            arguments.addAll(List.of(more));
            return ServerProcess.mainCommand(List.of(), arguments);
        });
    }

    /**
     * Runs the banner's commands but the client CLI's as one bash script in an unrelated
     * directory: the ticket request answers a ticket and the publish is accepted.
     */
    private void assertTryItWorks(String banner, Map<String, String> environment) throws Exception {
        List<String> commands = ServerProcess.commands(banner).stream()
                .filter(command -> !command.startsWith(CLIENT_COMMAND)).toList();
        assertEquals(3, commands.size(), banner);
        Process bash = ServerProcess.bash(commands, Files.createTempDirectory(dir, "elsewhere"), environment);
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), output);
        assertTrue(output.contains("{\"data\":{\"ticket\":\""), "a ticket was issued:\n" + output + "\nfrom\n" + banner);
        assertTrue(output.contains("Published streamOffline"), "the event was published:\n" + output);
    }
}
