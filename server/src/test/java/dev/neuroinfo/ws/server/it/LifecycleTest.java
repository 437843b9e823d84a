package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.TokenKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revocation, persistence across a restart, bootstrap, and graceful shutdown. */
class LifecycleTest {
    @TempDir
    Path dataDir;

    @Test
    void revokingATokenClosesItsConnectionsWith1008AndKillsItsTickets() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            IssuedToken token = server.server.createToken("revoked", TokenKind.API, false);
            String ticket = server.ticket(token.secret());
            try (RawWebSocket socket = server.connect(token.secret())) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(server.server.httpUri() + "/api/admin/tokens/" + token.record().id()))
                        .header("Authorization", "Bearer " + server.adminToken()).DELETE().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(204, response.statusCode(), response.body());
                assertEquals(1008, socket.awaitClose(TestServer.WAIT, true));
            }
            try (RawWebSocket again = RawWebSocket.open(server.wsPort(), "/api/ws?ticket=" + ticket, Map.of())) {
                assertEquals(HandshakeError.INVALID_TICKET.body(), again.response().body());
            }
            try (RawWebSocket again = RawWebSocket.open(server.wsPort(), "/api/ws",
                    Map.of("Authorization", "Bearer " + token.secret()))) {
                assertEquals(HandshakeError.INVALID_TOKEN.body(), again.response().body());
            }
        }
    }

    @Test
    void firstStartBootstrapsTokensAndARestartKeepsThem() throws Exception {
        String apiToken;
        try (TestServer first = TestServer.start(dataDir)) {
            assertTrue(first.server.bootstrapTokens().isPresent());
            apiToken = first.server.bootstrapTokens().get().api().secret();
            String admin = first.server.bootstrapTokens().get().admin().secret();
            assertEquals(admin, Files.readString(dataDir.resolve("admin.token")).trim());
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dataDir.resolve("admin.token"))));
            assertFalse(Files.readString(dataDir.resolve("tokens.json")).contains(apiToken), "hashes only on disk");
        }
        try (TestServer second = TestServer.start(dataDir)) {
            assertFalse(second.server.bootstrapTokens().isPresent());
            second.connect(apiToken).close();
            second.ticket(apiToken);
        }
    }

    @Test
    void closingTheServerSays1001ToEveryConnection() throws Exception {
        TestServer server = TestServer.start(dataDir);
        RawWebSocket first = server.connect(server.token("a"));
        RawWebSocket second = server.connect(server.unlimitedToken("b"));
        Thread stopper = new Thread(server::close);
        stopper.start();
        assertEquals(1001, first.awaitClose(TestServer.WAIT, true));
        assertEquals(1001, second.awaitClose(TestServer.WAIT, true));
        stopper.join(TestServer.WAIT.toMillis());
        assertFalse(stopper.isAlive(), "the server stopped within the bound");
        first.close();
        second.close();
    }
}
