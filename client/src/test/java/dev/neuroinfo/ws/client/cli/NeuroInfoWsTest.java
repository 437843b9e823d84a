package dev.neuroinfo.ws.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.Game;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI run in-process with captured streams against a real server. */
class NeuroInfoWsTest {
    private static final long BOUND_SECONDS = 20;

    @TempDir
    Path dataDir;
    private EmbeddedServer server;
    private String token;

    /** One run: exit code and what went to stdout and stderr. */
    private record Run(int exitCode, String out, String err) {
    }

    /** A run in progress, its output readable while it runs. */
    private static final class Running {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit;
    }

    @BeforeEach
    void start() throws Exception {
        server = EmbeddedServer.start(ServerConfig.builder().ports(0, 0).dataDir(dataDir).build());
        token = server.createToken("cli", TokenKind.API, true).secret();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Running launch(Map<String, String> env, String... args) {
        Running running = new Running();
        CommandLine cli = NeuroInfoWs.commandLine(env);
        cli.setOut(new PrintWriter(running.out, true));
        cli.setErr(new PrintWriter(running.err, true));
        running.exit = CompletableFuture.supplyAsync(() -> cli.execute(args));
        return running;
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Running running = launch(env, args);
        int code = running.exit.get(BOUND_SECONDS, TimeUnit.SECONDS);
        return new Run(code, running.out.toString(), running.err.toString());
    }

    private String url() {
        return server.webSocketUri().toString();
    }

    /** The embedded server's HTTP API is on another port than its WebSocket endpoint: named, as its users must. */
    private String http() {
        return server.httpUri().toString();
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void listenPrintsOneJsonLinePerEventAndStatusOnStderr() throws Exception {
        Running running = launch(Map.of(), "listen", "--url", url(), "--http", http(), "--token", token,
                "--events", "streamOnline,streamRaidIncoming", "--count", "2");
        waitFor("both subscriptions", () -> running.err.toString().contains("subscribed to streamRaidIncoming")
                && running.err.toString().contains("subscribed to streamOnline"));

        long first = server.publish(EventType.STREAM_ONLINE, new StreamOnline("1", "Live now", new Game("5", "Chatting"),
                "en", List.of("English"), false, 10, 1764500000000L, "https://example.net/t.jpg"));
        server.publish(EventType.STREAM_OFFLINE, new dev.neuroinfo.ws.protocol.payload.StreamOffline());
        server.publish(EventType.STREAM_RAID_INCOMING, new StreamRaid(new RaidChannel("A", "a", "7"), 42));

        assertEquals(0, running.exit.get(BOUND_SECONDS, TimeUnit.SECONDS));
        List<String> lines = running.out.toString().lines().toList();
        assertEquals(2, lines.size(), running.out.toString());
        ObjectMapper json = new ObjectMapper();
        JsonNode online = json.readTree(lines.get(0));
        assertEquals("streamOnline", online.get("eventType").asText());
        assertEquals("Live now", online.get("eventData").get("title").asText());
        assertEquals(first, online.get("timestamp").asLong());
        JsonNode raid = json.readTree(lines.get(1));
        assertEquals("streamRaidIncoming", raid.get("eventType").asText());
        assertEquals(42, raid.get("eventData").get("viewerCount").asInt());
        assertTrue(running.err.toString().contains("connected, session "), running.err.toString());
    }

    @Test
    void listenReconnectsByItself() throws Exception {
        Running running = launch(Map.of(), "listen", "--url", url(), "--token", token, "--auth", "header",
                "--events", "streamOffline", "--count", "1");
        waitFor("subscription", () -> running.err.toString().contains("subscribed to streamOffline"));

        server.services().connections().closeConnectionsOfToken(
                server.services().tokens().list().stream().filter(t -> t.user().equals("cli")).findFirst()
                        .orElseThrow().id(), 1001, "bye");
        waitFor("resubscription", () -> running.err.toString().split("subscribed to streamOffline", -1).length == 3);
        server.publish(EventType.STREAM_OFFLINE, new dev.neuroinfo.ws.protocol.payload.StreamOffline());

        assertEquals(0, running.exit.get(BOUND_SECONDS, TimeUnit.SECONDS));
        assertTrue(running.err.toString().contains("reconnecting in "), running.err.toString());
        assertTrue(running.out.toString().contains("\"eventType\":\"streamOffline\""), running.out.toString());
    }

    @Test
    void tokenMayComeFromTheEnvironment() throws Exception {
        Run run = run(Map.of("NEUROINFO_TOKEN", token, "NEUROINFO_URL", url(), "NEUROINFO_HTTP_URL", http()),
                "list-events");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(EventType.documentedOrder().stream().map(EventType::wireName).toList(), run.out().lines().toList());
    }

    @Test
    void aBadTokenExitsWithACodeAndAClearMessage() throws Exception {
        Run ticket = run(Map.of(), "listen", "--url", url(), "--http", http(), "--token", "wrong",
                "--events", "streamOnline");
        assertEquals(NeuroInfoWs.EXIT_AUTH, ticket.exitCode());
        assertTrue(ticket.err().contains("AU2 Invalid or expired API token"), ticket.err());

        Run header = run(Map.of(), "listen", "--url", url(), "--token", "wrong", "--auth", "header");
        assertEquals(NeuroInfoWs.EXIT_AUTH, header.exitCode());
        assertTrue(header.err().contains("401 Invalid or expired token"), header.err());
        assertEquals("", header.out());
    }

    @Test
    void badFlagsExitWith2AndSayWhatIsWrong() throws Exception {
        Run unknownEvent = run(Map.of(), "listen", "--url", url(), "--token", token, "--events", "streamOnline,fooBar");
        assertEquals(2, unknownEvent.exitCode());
        assertTrue(unknownEvent.err().contains("Unknown event type 'fooBar'"), unknownEvent.err());

        Run badUrl = run(Map.of(), "listen", "--url", "http://localhost:8081/api/ws", "--token", token);
        assertEquals(2, badUrl.exitCode());
        assertTrue(badUrl.err().contains("Invalid --url"), badUrl.err());

        Run noToken = run(Map.of(), "list-events", "--url", url());
        assertEquals(2, noToken.exitCode());
        assertTrue(noToken.err().contains("Missing --token (or environment variable NEUROINFO_TOKEN)"), noToken.err());

        Run badAuth = run(Map.of(), "list-events", "--url", url(), "--token", token, "--auth", "cookie");
        assertEquals(2, badAuth.exitCode());

        Run badHttp = run(Map.of(), "list-events", "--url", url(), "--http", "ws://h:1", "--token", token);
        assertEquals(2, badHttp.exitCode());
        assertTrue(badHttp.err().contains("Invalid --http 'ws://h:1'"), badHttp.err());

        Run noTicketEndpoint = run(Map.of(), "list-events", "--url", "ws://h:1/events", "--token", token);
        assertEquals(2, noTicketEndpoint.exitCode());
        assertTrue(noTicketEndpoint.err().contains("does not end in /api/ws"), noTicketEndpoint.err());

        Run badToken = run(Map.of(), "list-events", "--url", url(), "--token", "two words");
        assertEquals(2, badToken.exitCode());
        assertTrue(badToken.err().contains("Invalid --token: token must be printable ASCII"), badToken.err());
        assertFalse(badToken.err().contains("two words"), badToken.err());

        Run noCommand = run(Map.of());
        assertEquals(2, noCommand.exitCode());
    }

    @Test
    void anUnreachableServerExitsWith1() throws Exception {
        String deadUrl = url();
        server.close();
        Run run = run(Map.of(), "list-events", "--url", deadUrl, "--http", http(), "--token", token);
        assertEquals(NeuroInfoWs.EXIT_CONNECTION, run.exitCode());
        assertTrue(run.err().contains("cannot connect"), run.err());
        server = EmbeddedServer.start(ServerConfig.builder().ports(0, 0).dataDir(dataDir.resolve("again")).build());
    }

    @Test
    void listenWaitsForAServerThatStartsLater() throws Exception {
        ServerConfig sameData = ServerConfig.builder().ports(server.httpUri().getPort(), server.webSocketUri().getPort())
                .dataDir(dataDir).build();
        server.close();
        Running running = launch(Map.of(), "listen", "--url", url(), "--http", http(), "--token", token,
                "--events", "streamOffline", "--count", "1");
        waitFor("a retry", () -> running.err.toString().contains("reconnecting in "));
        assertFalse(running.exit.isDone(), running.err.toString());

        server = EmbeddedServer.start(sameData);

        waitFor("subscription", () -> running.err.toString().contains("subscribed to streamOffline"));
        server.publish(EventType.STREAM_OFFLINE, new dev.neuroinfo.ws.protocol.payload.StreamOffline());
        assertEquals(0, running.exit.get(BOUND_SECONDS, TimeUnit.SECONDS));
        assertTrue(running.err.toString().contains("connection refused by 127.0.0.1:"), running.err.toString());
        assertTrue(running.out.toString().contains("\"eventType\":\"streamOffline\""), running.out.toString());
    }

    @Test
    void listenFailFastExitsAtOnceWhenTheServerIsDown() throws Exception {
        String deadUrl = url();
        String deadHttp = http();
        server.close();
        Run run = run(Map.of(), "listen", "--url", deadUrl, "--http", deadHttp, "--token", token, "--fail-fast");
        assertEquals(NeuroInfoWs.EXIT_CONNECTION, run.exitCode());
        assertTrue(run.err().contains("cannot connect: ticket request to " + deadHttp), run.err());
        assertTrue(run.err().contains("connection refused by 127.0.0.1:"), run.err());
        server = EmbeddedServer.start(ServerConfig.builder().ports(0, 0).dataDir(dataDir.resolve("again")).build());
    }

    @Test
    void listenWithAPositionFileCarriesOnWhereItsLastRunStopped() throws Exception {
        server.close();
        server = EmbeddedServer.start(ServerConfig.builder().ports(0, 0).dataDir(dataDir.resolve("recovery"))
                .recovery(RecoverySettings.ON).build());
        token = server.createToken("cli", TokenKind.API, true).secret();
        String position = dataDir.resolve("position.json").toString();
        Running first = launch(Map.of(), "listen", "--url", url(), "--http", http(), "--token", token,
                "--events", "streamRaidIncoming", "--count", "1", "--position", position);
        waitFor("subscription", () -> first.err.toString().contains("subscribed to streamRaidIncoming"));
        server.publish(EventType.STREAM_RAID_INCOMING, new StreamRaid(new RaidChannel("A", "a", "7"), 1));
        assertEquals(0, first.exit.get(BOUND_SECONDS, TimeUnit.SECONDS));

        server.publish(EventType.STREAM_RAID_INCOMING, new StreamRaid(new RaidChannel("A", "a", "7"), 2));
        server.publish(EventType.STREAM_RAID_INCOMING, new StreamRaid(new RaidChannel("A", "a", "7"), 3));
        Run second = run(Map.of(), "listen", "--url", url(), "--http", http(), "--token", token,
                "--events", "streamRaidIncoming", "--count", "2", "--position", position);
        assertEquals(0, second.exitCode(), second.err());
        List<Integer> viewers = new java.util.ArrayList<>();
        for (String line : second.out().lines().toList()) {
            viewers.add(new ObjectMapper().readTree(line).get("eventData").get("viewerCount").asInt());
        }
        assertEquals(List.of(2, 3), viewers, "the raids published between the runs, not the one the first run printed");
    }

    @Test
    void aPositionFileThatIsNotOneExitsWith2() throws Exception {
        Path position = dataDir.resolve("position.json");
        Files.writeString(position, "{\"epoch\": \"q3Jx0bS1Wn8vQ2kL\"}");
        Run run = run(Map.of(), "listen", "--url", url(), "--http", http(), "--token", token, "--position",
                position.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Invalid --position: cannot read the stored position: " + position.toAbsolutePath()
                + " does not hold a position (no integer \"offset\")"), run.err());
    }

    @Test
    void helpDescribesTheEnvironmentVariables() throws Exception {
        Run run = run(Map.of(), "listen", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("NEUROINFO_TOKEN"));
    }
}
