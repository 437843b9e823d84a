package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.server.ws.HandshakeErrorResponse;
import dev.neuroinfo.ws.wire.HandshakeRequest;
import dev.neuroinfo.ws.wire.HttpReader;
import dev.neuroinfo.ws.wire.RawClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every refusal of a handshake: status, exact plain-text body, content type. */
class HandshakeTest {
    @RegisterExtension
    static final TestServer server = TestServer.shared();

    private static void assertRefused(RawWebSocket.Response response, HandshakeError error) {
        assertEquals(error.status(), response.status(), response.body());
        assertEquals(error.body(), response.body());
        assertEquals("text/plain; charset=utf-8", response.header("Content-Type"));
    }

    private static RawWebSocket.Response upgrade(String target, Map<String, String> headers) throws IOException {
        try (RawWebSocket socket = RawWebSocket.open(server.wsPort(), target, headers)) {
            return socket.response();
        }
    }

    @Test
    void anotherPathIsNotFound() throws IOException {
        assertRefused(upgrade("/api/other", Map.of("Authorization", "Bearer " + server.token("a"))),
                HandshakeError.NOT_FOUND);
        assertRefused(upgrade("/", Map.of()), HandshakeError.NOT_FOUND);
    }

    @Test
    void noCredentialsIsMissingAuthentication() throws IOException {
        assertRefused(upgrade("/api/ws", Map.of()), HandshakeError.MISSING_AUTHENTICATION);
        assertRefused(upgrade("/api/ws?ticket=", Map.of()), HandshakeError.MISSING_AUTHENTICATION);
        assertRefused(upgrade("/api/ws", Map.of("Authorization", "Basic eDp5")), HandshakeError.MISSING_AUTHENTICATION);
        assertRefused(upgrade("/api/ws", Map.of("Authorization", "Bearer")), HandshakeError.MISSING_AUTHENTICATION);
        assertRefused(upgrade("/api/ws", Map.of("Authorization", "Bearer ")), HandshakeError.MISSING_AUTHENTICATION);
    }

    @Test
    void wrongTicketOrTokenIsRefused() throws IOException, InterruptedException {
        assertRefused(upgrade("/api/ws?ticket=nope", Map.of()), HandshakeError.INVALID_TICKET);
        assertRefused(upgrade("/api/ws", Map.of("Authorization", "Bearer nk_nope")), HandshakeError.INVALID_TOKEN);
        String token = server.token("t");
        assertRefused(upgrade("/api/ws?ticket=nope", Map.of("Authorization", "Bearer " + token)),
                HandshakeError.INVALID_TICKET);
        assertRefused(upgrade("/api/ws", Map.of("Authorization", "Bearer " + server.adminToken())),
                HandshakeError.INVALID_TOKEN);
    }

    @Test
    void aTicketWorksOnceAndWithoutHeader() throws IOException, InterruptedException {
        String ticket = server.ticket(server.token("once"));
        try (RawWebSocket first = RawWebSocket.open(server.wsPort(), "/api/ws?ticket=" + ticket, Map.of())) {
            assertEquals(101, first.response().status());
            assertTrue(first.nextText(TestServer.WAIT).contains("\"welcome\""));
            assertRefused(upgrade("/api/ws?ticket=" + ticket, Map.of()), HandshakeError.INVALID_TICKET);
        }
    }

    @Test
    void aPlainGetIsNeverUpgraded() throws IOException {
        Map<String, String> headers = new HashMap<>();
        headers.put("Host", "127.0.0.1");
        headers.put("Authorization", "Bearer " + server.token("plain"));
        try (RawWebSocket socket = RawWebSocket.request(server.wsPort(), "GET", "/api/ws", headers)) {
            assertRefused(socket.response(), HandshakeError.UPGRADE_REQUIRED);
            assertEquals("websocket", socket.response().header("Upgrade"));
        }
    }

    /** The refusal the neutral layer decides reaches the wire whole: its headers too, not only status and body. */
    @Test
    void everyRefusalClosesTheConnectionAndNamesWhatItNeeds() throws IOException {
        RawWebSocket.Response missing = upgrade("/api/ws", Map.of());
        assertRefused(missing, HandshakeError.MISSING_AUTHENTICATION);
        assertEquals("close", missing.header("Connection"));
        Map<String, String> headers = new HashMap<>();
        headers.put("Host", "127.0.0.1");
        try (RawWebSocket socket = RawWebSocket.request(server.wsPort(), "GET", "/api/ws", headers)) {
            assertEquals("close", socket.response().header("Connection"));
            assertEquals(HandshakeErrorResponse.of(HandshakeError.UPGRADE_REQUIRED).headers().get("Upgrade"),
                    socket.response().header("Upgrade"));
        }
    }

    @Test
    void malformedUpgradesAreBadRequests() throws IOException {
        String token = server.token("bad");
        Map<String, String> badKey = new HashMap<>(Map.of("Authorization", "Bearer " + token));
        badKey.put("Sec-WebSocket-Key", "c2hvcnQ=");
        assertRefused(upgrade("/api/ws", badKey), HandshakeError.BAD_REQUEST);
        Map<String, String> badVersion = new HashMap<>(Map.of("Authorization", "Bearer " + token));
        badVersion.put("Sec-WebSocket-Version", "8");
        RawWebSocket.Response response = upgrade("/api/ws", badVersion);
        assertRefused(response, HandshakeError.BAD_REQUEST);
        assertEquals("13", response.header("Sec-WebSocket-Version"));
    }

    /**
     * Requests that the HTTP layer refuses before the gate sees them (RFC 9112 3.2: an HTTP/1.1
     * request without Host is a 400) still get the protocol's plain-text 400 (HS-4, HS-13).
     */
    @Test
    void aRequestTheHttpLayerCannotParseGetsThePlainBadRequest() throws IOException {
        Map<String, String> noHost = new HashMap<>(Map.of("Authorization", "Bearer " + server.token("no-host")));
        noHost.put("Host", null);
        RawWebSocket.Response response = upgrade("/api/ws", noHost);
        assertRefused(response, HandshakeError.BAD_REQUEST);
        assertEquals("close", response.header("Connection"));
        Map<String, String> plain = new HashMap<>();
        try (RawWebSocket socket = RawWebSocket.request(server.wsPort(), "GET", "/elsewhere", plain)) {
            assertRefused(socket.response(), HandshakeError.BAD_REQUEST);
        }
    }

    /** A header line without a colon is a 400 at once, not a request held until the handshake deadline. */
    @Test
    void aHeaderLineWithoutAColonGetsThePlainBadRequest() throws IOException {
        try (RawClient client = RawClient.open(URI.create("ws://127.0.0.1:" + server.wsPort()), TestServer.WAIT, 0)) {
            client.sendRaw(("GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nNoColonHere\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            HttpReader.Head head = HttpReader.readHead(client.input());
            assertEquals(HandshakeError.BAD_REQUEST.status(), head.status());
            assertEquals(HandshakeError.BAD_REQUEST.body(), new String(client.readBody(head), StandardCharsets.UTF_8));
            assertEquals("text/plain; charset=utf-8", head.first("content-type"));
        }
    }

    /**
     * HS-12 on the embedded server: a handshake that passes the gate (its first
     * Sec-WebSocket-Version is 13) but that Tyrus does not upgrade (a second one says 8) is answered
     * 500 {@code Upgrade failed} in plain text, and gives its slot back: after more such handshakes
     * than the limit allows, the user still opens the whole limit.
     */
    @Test
    void anAdmittedHandshakeThatIsNotUpgradedIsAnUpgradeFailure() throws Exception {
        String token = server.token("not-upgraded");
        // a second version (Tyrus refuses it with an empty answer), a second Upgrade (Tyrus passes it on
        // to the HTTP layer, which answered 404 with a body)
        List<HandshakeRequest> notUpgradable = List.of(
                HandshakeRequest.upgrade("/api/ws").bearer(token).header("Sec-WebSocket-Version", "8"),
                HandshakeRequest.upgrade("/api/ws").bearer(token).header("Upgrade", "websocket"));
        for (int i = 0; i < 2 * Limits.MAX_CONNECTIONS_PER_USER; i++) {
            try (RawClient client = RawClient.open(URI.create("ws://127.0.0.1:" + server.wsPort()), TestServer.WAIT, 0)) {
                HttpReader.Head head = client.handshake(notUpgradable.get(i % notUpgradable.size()),
                        "127.0.0.1:" + server.wsPort());
                assertEquals(HandshakeError.UPGRADE_FAILED.status(), head.status());
                assertEquals(HandshakeError.UPGRADE_FAILED.body(),
                        new String(client.readBody(head), StandardCharsets.UTF_8));
                assertEquals("text/plain; charset=utf-8", head.first("content-type"));
            }
        }
        TestServer.await("the failed upgrades' slots", () -> server.server.services().slots().held("not-upgraded") == 0);
        List<RawWebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < Limits.MAX_CONNECTIONS_PER_USER; i++) {
                open.add(server.connect(token));
            }
            assertRefused(upgrade("/api/ws", Map.of("Authorization", "Bearer " + token)),
                    HandshakeError.CONNECTION_LIMIT);
        } finally {
            for (RawWebSocket socket : open) {
                socket.close();
            }
        }
    }

    @Test
    void aBadRequestDoesNotConsumeTheTicket() throws IOException, InterruptedException {
        String ticket = server.ticket(server.token("keep"));
        Map<String, String> badVersion = new HashMap<>();
        badVersion.put("Sec-WebSocket-Version", "8");
        assertRefused(upgrade("/api/ws?ticket=" + ticket, badVersion), HandshakeError.BAD_REQUEST);
        assertRefused(upgrade("/api/other?ticket=" + ticket, Map.of()), HandshakeError.NOT_FOUND);
        try (RawWebSocket socket = RawWebSocket.open(server.wsPort(), "/api/ws?ticket=" + ticket, Map.of())) {
            assertEquals(101, socket.response().status());
        }
    }

    @Test
    void theTicketWinsOverTheHeader() throws IOException, InterruptedException {
        String ticket = server.ticket(server.token("winner"));
        try (RawWebSocket socket = RawWebSocket.open(server.wsPort(), "/api/ws?ticket=" + ticket,
                Map.of("Authorization", "Bearer nk_wrong"))) {
            assertEquals(101, socket.response().status());
        }
    }

    @Test
    void aForgedAdmissionHeaderIsIgnored() throws IOException {
        assertRefused(upgrade("/api/ws", Map.of("X-NeuroInfo-Admission", "forged")),
                HandshakeError.MISSING_AUTHENTICATION);
    }
}
