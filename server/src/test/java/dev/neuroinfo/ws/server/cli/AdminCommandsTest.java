package dev.neuroinfo.ws.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.server.ServerCore;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenRecord;
import dev.neuroinfo.ws.server.config.Setting;
import dev.neuroinfo.ws.server.http.ApiServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The admin commands in-process against a real HTTP API on a free port. */
class AdminCommandsTest {
    @TempDir
    Path dataDir;

    @TempDir
    Path workDir;

    private ApiServer server;
    private IssuedToken admin;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(dataDir);
        admin = server.adminToken();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** What a command printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    private Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        Run result = new Run(code, out.toString(), err.toString());
        assertFalse(result.out.contains(admin.secret()) || result.err.contains(admin.secret()),
                "the admin token is never printed");
        return result;
    }

    /** Arguments with the connection options for the running server appended. */
    private String[] connected(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--http", server.base().toString(), "--admin-token", admin.secret()));
        return all.toArray(String[]::new);
    }

    @Test
    void tokenCreatePrintsTheNewTokenOnce() throws Exception {
        Run run = run(new TokenCommand(), connected("create", "--user", "alice", "--unlimited"));
        assertEquals(0, run.exitCode(), run.err());
        String secret = run.out().lines().filter(line -> line.startsWith("nk_")).findFirst().orElseThrow();
        TokenRecord record = server.services.tokens().verify(secret, TokenKind.API).orElseThrow();
        assertEquals("alice", record.user());
        assertTrue(record.unlimited());
        assertTrue(run.out().contains(record.id()), run.out());
    }

    @Test
    void tokenListShowsTokensWithoutSecrets() throws Exception {
        IssuedToken alice = server.apiToken("alice");
        Run run = run(new TokenCommand(), connected("list"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(alice.record().id()), run.out());
        assertTrue(run.out().contains("alice"), run.out());
        assertFalse(run.out().contains(alice.secret()));
    }

    @Test
    void tokenRevokeRevokesAndReportsUnknownIds() throws Exception {
        IssuedToken alice = server.apiToken("alice");
        String id = alice.record().id();
        Run run = run(new TokenCommand(), connected("revoke", id));
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(server.services.tokens().isLive(id));
        assertEquals(List.of(new ApiServer.Closed(id, CloseReasons.TOKEN_REVOKED.code(), CloseReasons.TOKEN_REVOKED.text())),
                server.connections.closed);

        Run again = run(new TokenCommand(), connected("revoke", id));
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("404") && again.err().contains("AP3"), again.err());
    }

    @Test
    void publishSendsTheEventFromAFile() throws Exception {
        Path data = Files.writeString(workDir.resolve("offline.json"), "{\"isLive\": false}");
        Run run = run(new PublishCommand(), connected("streamOffline", "--data", data.toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(String.valueOf(ApiServer.PUBLISHED_AT)), run.out());
        assertEquals(EventType.STREAM_OFFLINE, server.publisher.events.get(0).type());
    }

    @Test
    void publishReadsStandardInput() {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream("{\"isLive\":false}".getBytes(StandardCharsets.UTF_8)));
        try {
            Run run = run(new PublishCommand(), connected("streamOffline", "--data", "-"));
            assertEquals(0, run.exitCode(), run.err());
        } finally {
            System.setIn(original);
        }
        assertEquals(1, server.publisher.events.size());
    }

    @Test
    void publishReportsTheServersValidationError() throws Exception {
        Path data = Files.writeString(workDir.resolve("bad.json"), "{\"isLive\": \"no\"}");
        Run run = run(new PublishCommand(), connected("streamOffline", "--data", data.toString()));
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("AP2") && run.err().contains("/eventData/isLive"), run.err());
        assertTrue(server.publisher.events.isEmpty());
    }

    @Test
    void publishRefusesUnknownEventsAndUnreadableData() throws Exception {
        Path data = Files.writeString(workDir.resolve("d.json"), "{}");
        Run unknown = run(new PublishCommand(), connected("streamonline", "--data", data.toString()));
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("Unknown event"), unknown.err());

        Run missing = run(new PublishCommand(), connected("streamOffline", "--data", workDir.resolve("no").toString()));
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("Cannot read"), missing.err());

        Path notJson = Files.writeString(workDir.resolve("n.json"), "{nope");
        Run broken = run(new PublishCommand(), connected("streamOffline", "--data", notJson.toString()));
        assertEquals(1, broken.exitCode());
        assertTrue(broken.err().contains("not JSON"), broken.err());
    }

    @Test
    void adminTokenIsReadFromTheDataDirectory() throws Exception {
        Path serverData = workDir.resolve("data");
        Files.createDirectories(serverData);
        Files.writeString(serverData.resolve(ServerCore.ADMIN_TOKEN_FILE), admin.secret() + "\n");
        Run run = run(new TokenCommand(), "list", "--http", server.base().toString(), "--data-dir", serverData.toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    /** The real CLI in a JVM of its own, told the data directory only by the server's variable. */
    @Test
    void adminTokenIsReadFromTheDataDirectoryTheServersVariableNames() throws Exception {
        // not "data": the default, relative to where the command runs, must not find it
        Path serverData = workDir.resolve("server-data");
        Files.createDirectories(serverData);
        Files.writeString(serverData.resolve(ServerCore.ADMIN_TOKEN_FILE), admin.secret() + "\n");
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.mainCommand(List.of(),
                List.of("token", "list", "--http", server.base().toString())))
                .directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("NEUROINFO_"));
        builder.environment().put(Setting.DATA_DIR.variable(), serverData.toString());
        Process list = builder.start();
        // its few lines fit in the pipe, so it can end before anyone reads them
        boolean ended = list.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            list.destroyForcibly();
        }
        String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ended, "token list did not end within 60 s: " + output);
        assertEquals(0, list.exitValue(), output);
    }

    @Test
    void missingAdminTokenIsExplained() {
        Run run = run(new TokenCommand(), "list", "--http", server.base().toString(),
                "--data-dir", workDir.resolve("none").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("No admin token"), run.err());
    }

    @Test
    void wrongAdminTokenShowsTheServersError() {
        Run run = run(new TokenCommand(), "list", "--http", server.base().toString(), "--admin-token", "na_wrong");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("401") && run.err().contains("AU2"), run.err());
        assertFalse(run.err().contains("na_wrong"));
    }

    @Test
    void unreachableServerIsReported() {
        Run run = run(new TokenCommand(), "list", "--http", "http://127.0.0.1:1", "--admin-token", admin.secret());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("Cannot reach"), run.err());
    }

    @Test
    void badFlagsAreUsageErrors() {
        Run noUser = run(new TokenCommand(), connected("create"));
        assertEquals(CommandLine.ExitCode.USAGE, noUser.exitCode());
        assertTrue(noUser.err().contains("--user"), noUser.err());

        Run noData = run(new PublishCommand(), connected("streamOffline"));
        assertEquals(CommandLine.ExitCode.USAGE, noData.exitCode());

        Run badUrl = run(new TokenCommand(), "list", "--http", "ftp://x", "--admin-token", admin.secret());
        assertEquals(1, badUrl.exitCode());
        assertTrue(badUrl.err().contains("--http"), badUrl.err());
    }
}
