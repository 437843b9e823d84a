package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Welcome, subscriptions, and every invalid-message reason, on a live connection. */
class SessionTest {
    @RegisterExtension
    static final TestServer server = TestServer.shared();

    private static JsonNode next(RawWebSocket socket) throws IOException {
        String text = socket.nextText(TestServer.WAIT);
        assertTrue(text != null, "no reply");
        return TestServer.CODEC.parse(text).orElseThrow();
    }

    private static JsonNode ask(RawWebSocket socket, String frame) throws IOException {
        socket.sendText(frame);
        return next(socket);
    }

    @Test
    void welcomeComesFirstWithAUniqueSessionId() throws IOException {
        List<String> ids = new ArrayList<>();
        String token = server.unlimitedToken("many");
        for (int i = 0; i < 3; i++) {
            try (RawWebSocket socket = RawWebSocket.open(server.wsPort(), "/api/ws",
                    java.util.Map.of("Authorization", "Bearer " + token))) {
                JsonNode welcome = next(socket);
                assertEquals("welcome", welcome.get("type").textValue());
                ids.add(welcome.get("data").get("sessionId").textValue());
            }
        }
        assertEquals(3, ids.stream().distinct().count(), ids.toString());
        assertFalse(ids.get(0).isEmpty());
    }

    @Test
    void subscriptionsAreIdempotentAndListedInDocumentedOrder() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("subs"))) {
            assertEquals("{\"type\":\"addSuccess\",\"data\":{\"eventType\":\"streamOnline\",\"subscribed\":true}}",
                    ask(socket, "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\"}}").toString());
            assertEquals(true, ask(socket, "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\"}}")
                    .get("data").get("subscribed").booleanValue());
            ask(socket, "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"scheduleUpdate\"}}");
            JsonNode list = ask(socket, "{\"type\":\"listEvents\",\"data\":{}}");
            assertEquals("[\"scheduleUpdate\",\"streamOnline\"]", list.get("data").get("subscribedEvents").toString());
            List<String> available = new ArrayList<>();
            list.get("data").get("availableEvents").forEach(n -> available.add(n.textValue()));
            assertEquals(EventType.documentedOrder().stream().map(EventType::wireName).toList(), available);
            JsonNode removed = ask(socket, "{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"streamOnline\"}}");
            assertEquals("removeSuccess", removed.get("type").textValue());
            assertTrue(removed.get("data").get("unsubscribed").booleanValue());
            assertTrue(ask(socket, "{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"streamOnline\"}}")
                    .get("data").get("unsubscribed").booleanValue());
            assertEquals("[\"scheduleUpdate\"]",
                    ask(socket, "{\"type\":\"listEvents\"}").get("data").get("subscribedEvents").toString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json|malformed",
            "[1,2]|malformed",
            "42|malformed",
            "{\"data\":{}}|malformed",
            "{\"type\":\"subscribe\"}|malformed",
            "{\"type\":\"listEvents\",\"type\":\"addEvent\"}|malformed",
            "{\"type\":\"auth\",\"data\":{\"token\":\"x\"}}|malformed",
            "{\"type\":\"addEvent\"}|missingEventtype",
            "{\"type\":\"addEvent\",\"data\":{}}|missingEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":null}}|missingEventtype",
            "{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"\"}}|missingEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"StreamOnline\"}}|invalidEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":7}}|invalidEventtype",
    })
    void invalidInputGetsOneReplyAndTheConnectionStaysUsable(String frame, String reason) throws IOException {
        try (RawWebSocket socket = server.connect(server.token("invalid"))) {
            JsonNode reply = ask(socket, frame);
            assertEquals("invalid", reply.get("type").textValue(), reply.toString());
            assertEquals(reason, reply.get("data").get("reason").textValue(), reply.toString());
            assertTrue(reply.get("data").get("message").isTextual());
            assertEquals("listEvents", ask(socket, "{\"type\":\"listEvents\"}").get("type").textValue(),
                    "exactly one reply, then the connection still works");
        }
    }

    /** SES-12: what a browser client sends to tell a live connection from a dead one. */
    @Test
    void aPingIsAnsweredPongWithOrWithoutData() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("ping"))) {
            assertEquals("{\"type\":\"pong\",\"data\":{}}", ask(socket, "{\"type\":\"ping\"}").toString());
            assertEquals("{\"type\":\"pong\",\"data\":{}}",
                    ask(socket, "{\"type\":\"ping\",\"data\":{\"x\":1}}").toString());
        }
    }

    @Test
    void aBinaryFrameIsMalformed() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("binary"))) {
            socket.sendFrame(RawWebSocket.BINARY, "{\"type\":\"listEvents\"}".getBytes(StandardCharsets.UTF_8), true);
            JsonNode reply = next(socket);
            assertEquals("malformed", reply.get("data").get("reason").textValue());
            assertNotEquals(null, ask(socket, "{\"type\":\"listEvents\"}"));
        }
    }

    @Test
    void aMessageOverSixteenKibCloses1009() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("big"))) {
            socket.sendText("{\"type\":\"listEvents\",\"pad\":\"" + "x".repeat(16 * 1024) + "\"}");
            assertEquals(1009, socket.awaitClose(TestServer.WAIT, true));
        }
    }

    @Test
    void aMessageOfExactlySixteenKibIsAccepted() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("edge"))) {
            String prefix = "{\"type\":\"listEvents\",\"pad\":\"";
            String frame = prefix + "x".repeat(16 * 1024 - prefix.length() - 2) + "\"}";
            assertEquals(16 * 1024, frame.getBytes(StandardCharsets.UTF_8).length);
            assertEquals("listEvents", ask(socket, frame).get("type").textValue());
        }
    }

    @Test
    void fragmentedMessagesAreReassembled() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("fragments"))) {
            socket.sendFrame(RawWebSocket.TEXT, "{\"type\":\"list".getBytes(StandardCharsets.UTF_8), false);
            socket.sendFrame(0, "Events\"}".getBytes(StandardCharsets.UTF_8), true);
            assertEquals("listEvents", next(socket).get("type").textValue());
        }
    }
}
