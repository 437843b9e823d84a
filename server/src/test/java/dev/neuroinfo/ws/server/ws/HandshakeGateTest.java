package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.server.NoConnections;
import dev.neuroinfo.ws.server.SharedServices;
import dev.neuroinfo.ws.server.auth.FailingStores;
import dev.neuroinfo.ws.server.auth.FileTokenStore;
import dev.neuroinfo.ws.server.auth.InMemoryTicketStore;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TicketStore;
import dev.neuroinfo.ws.server.auth.TokenStore;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.limits.InMemoryConnectionSlots;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's answers where a live server cannot easily be made to fail: a token or ticket store
 * that does not answer is an authentication error (500), never a crash or a 401.
 */
class HandshakeGateTest {
    private static final Map<String, String> UPGRADE = Map.of("upgrade", "websocket", "connection", "Upgrade",
            "sec-websocket-version", "13", "sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==");

    private static HandshakeGate brokenGate() {
        return gate(new FailingStores.Tokens(), new FailingStores.Tickets());
    }

    private static HandshakeGate gate(TokenStore tokens, TicketStore tickets) {
        SharedServices services = new SharedServices(ServerConfig.defaults(), new MessageCodec(), tokens, tickets,
                new InMemoryConnectionSlots(5), key -> 0, (type, payload) -> 0L, NoConnections.NONE, new ServerMetrics(), Optional::empty);
        return new HandshakeGate(services);
    }

    private static HandshakeError refusal(HandshakeGate gate, String query, String authorization) {
        HandshakeRequestView request = new HandshakeRequestView("GET", "HTTP/1.1", "/api/ws", query,
                name -> "authorization".equalsIgnoreCase(name) ? authorization : UPGRADE.get(name.toLowerCase()),
                "127.0.0.1");
        return assertInstanceOf(GateDecision.Rejected.class, gate.decide(request)).error();
    }

    @Test
    void aFailingTicketStoreIsAnAuthenticationError() {
        assertEquals(HandshakeError.AUTHENTICATION_ERROR, refusal(brokenGate(), "ticket=abc", null));
    }

    @Test
    void aFailingTokenStoreIsAnAuthenticationError() {
        assertEquals(HandshakeError.AUTHENTICATION_ERROR, refusal(brokenGate(), null, "Bearer nk_x"));
    }

    @Test
    void checksBeforeCredentialsDoNotTouchTheStore() {
        assertEquals(HandshakeError.MISSING_AUTHENTICATION, refusal(brokenGate(), null, null));
    }

    @Test
    void theRenderedRefusalIsTheCataloguesPlainText() {
        HandshakeErrorResponse response = HandshakeErrorResponse.of(HandshakeError.AUTHENTICATION_ERROR);
        assertEquals(500, response.status());
        assertEquals("text/plain; charset=utf-8", response.contentType());
        assertEquals("Authentication error", new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("Upgrade failed",
                new String(HandshakeErrorResponse.of(HandshakeError.UPGRADE_FAILED).body(), StandardCharsets.UTF_8));
    }

    @Test
    void theRefusalsHeadersAreDecidedHereForEveryContainer() {
        for (HandshakeError error : HandshakeError.values()) {
            Map<String, String> headers = HandshakeErrorResponse.of(error).headers();
            assertEquals("close", headers.get("Connection"), error.name());
            assertEquals(error == HandshakeError.UPGRADE_REQUIRED ? "websocket" : null, headers.get("Upgrade"),
                    error.name());
            assertEquals(error == HandshakeError.BAD_REQUEST ? "13" : null, headers.get("Sec-WebSocket-Version"),
                    error.name());
        }
    }

    @Test
    void onlyASingleNodesOwnStoresAnswerFromMemory(@TempDir Path dataDir) throws StoreException {
        // the embedded listener runs handshakes on its selector threads only when this is true
        TokenStore file = FileTokenStore.open(dataDir);
        TicketStore memory = new InMemoryTicketStore(expired -> { });
        assertTrue(gate(file, memory).answersFromMemory());
        assertFalse(gate(file, new FailingStores.Tickets()).answersFromMemory());
        assertFalse(gate(new FailingStores.Tokens(), memory).answersFromMemory());
    }

    @Test
    void ticketQueryParsingTakesTheFirstNonEmptyTicket() {
        assertEquals(Optional.of("b c"), HandshakeGate.ticketOf("x=1&ticket=&ticket=b%20c&ticket=d"));
        assertEquals(Optional.empty(), HandshakeGate.ticketOf("ticket"));
        assertEquals(Optional.empty(), HandshakeGate.ticketOf("ticket=%zz"));
        assertEquals(Optional.empty(), HandshakeGate.ticketOf(null));
    }
}
