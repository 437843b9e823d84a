package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.TwoPorts;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.OnFreePort;
import dev.neuroinfo.ws.server.cli.ServerProcess;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One server per data directory: a second one refuses to start, and the first start happens once. */
class DataDirectoryLockTest {
    private static final Duration START = Duration.ofSeconds(90);
    private static final String IN_USE = "is in use by another server";
    private static final Pattern ADMIN_TOKEN = Pattern.compile("admin token: (\\S+)");

    @TempDir
    Path dir;

    @Test
    void twoSimultaneousFirstStartsMakeOneServerAndOneAdminToken() throws Exception {
        OnFreePort.retried(() -> twoFirstStartsRace(Files.createTempDirectory(dir, "trial-")));
    }

    /**
     * Starts two servers on one new data directory at once, and checks that one gave up on it and
     * the other made the first start's tokens; returns the admin token it printed. Each binds its
     * pair, free when picked, once its JVM is up: seconds later on a loaded machine, time for another
     * process to take it. A server that lost its pair fails on it before it reaches the directory:
     * such a trial proves nothing about the directory's lock, and fails saying the port was taken,
     * to be made again.
     */
    private static String twoFirstStartsRace(Path trial) throws IOException, InterruptedException {
        Path dataDir = trial.resolve("data");
        List<Child> children = new ArrayList<>();
        try {
            children.add(Child.start(trial, "one", dataDir));
            children.add(Child.start(trial, "two", dataDir));
            Await.until("one of the two servers to give up", START, () -> children.stream().anyMatch(c -> !c.process.isAlive()));
            Child loser = children.stream().filter(c -> !c.process.isAlive()).findFirst().orElseThrow();
            if (OnFreePort.portTaken(loser.err())) {
                throw new IllegalStateException("a server lost its port:\n" + loser.describe());
            }
            Child winner = children.get(children.indexOf(loser) == 0 ? 1 : 0);
            assertEquals(1, loser.process.exitValue(), loser.describe());
            assertTrue(loser.err().contains("Error: Data directory " + dataDir.toAbsolutePath().normalize() + " " + IN_USE),
                    loser.describe());
            Await.until("the other server to be up or gone", START,
                    () -> winner.out().contains("Stop with") || !winner.process.isAlive());
            assertTrue(winner.process.isAlive(), winner.describe());

            Matcher printed = ADMIN_TOKEN.matcher(winner.out());
            assertTrue(printed.find(), winner.describe());
            assertEquals(printed.group(1), Files.readString(dataDir.resolve("admin.token")).trim());
            JsonNode tokens = TestServer.CODEC.parse(Files.readString(dataDir.resolve("tokens.json"))).orElseThrow()
                    .get("tokens");
            List<String> kinds = new ArrayList<>();
            tokens.forEach(token -> kinds.add(token.get("kind").textValue()));
            assertEquals(List.of("ADMIN", "API"), kinds, "the first start's tokens, made once");
            return printed.group(1);
        } finally {
            for (Child child : children) {
                child.process.destroyForcibly();
                child.process.waitFor();
            }
        }
    }

    @Test
    void aSecondServerInTheSameProcessIsRefusedUntilTheFirstStops() throws Exception {
        ServerConfig config = ServerConfig.builder().ports(0, 0).dataDir(dir).build();
        try (EmbeddedServer first = EmbeddedServer.start(config)) {
            IOException refused = assertThrows(IOException.class, () -> EmbeddedServer.start(config).close());
            assertTrue(refused.getMessage().contains(IN_USE), refused.getMessage());
            assertTrue(first.bootstrapTokens().isPresent());
        }
        try (EmbeddedServer next = EmbeddedServer.start(config)) {
            assertFalse(next.bootstrapTokens().isPresent(), "the directory is free again, and not new");
        }
    }

    @Test
    void aTakenPortStopsTheStartBeforeTheDataDirectoryIsTouched() throws Exception {
        Path dataDir = dir.resolve("untouched");
        try (TwoPorts.Reservation taken = TwoPorts.reservePair("127.0.0.1")) {
            ServerConfig config = ServerConfig.builder().host("127.0.0.1").ports(taken.port(), taken.port() + 1)
                    .dataDir(dataDir).build();
            IOException refused = assertThrows(IOException.class, () -> EmbeddedServer.start(config).close());
            assertTrue(refused.getMessage().contains("Address already in use"), refused.getMessage());
        }
        assertFalse(Files.exists(dataDir), "no data directory: no first start made tokens it could not show");
    }

    /** A server started as an operator would, with its output in files. */
    private record Child(Process process, Path outFile, Path errFile) {
        static Child start(Path dir, String name, Path dataDir) throws IOException {
            int port = TwoPorts.freePair("127.0.0.1");
            Path out = dir.resolve(name + ".out");
            Path err = dir.resolve(name + ".err");
            Process process = new ProcessBuilder(ServerProcess.mainCommand(List.of(),
                    List.of("--port", String.valueOf(port), "--data-dir", dataDir.toString())))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            return new Child(process, out, err);
        }

        String out() {
            return read(outFile);
        }

        String err() {
            return read(errFile);
        }

        String describe() {
            return "stdout:\n" + out() + "\nstderr:\n" + err();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }
}
