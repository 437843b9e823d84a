package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In-band authentication: every reason of its own and the welcome after auth. */
class InbandAuthTest {
    @RegisterExtension
    static final TestServer server = TestServer.shared(config -> config.inbandAuth(true)
                .inbandAuthTimeout(Duration.ofMillis(1500)));

    private static RawWebSocket anonymous() throws IOException {
        RawWebSocket socket = RawWebSocket.open(server.wsPort(), "/api/ws", Map.of());
        assertEquals(101, socket.response().status());
        return socket;
    }

    private static JsonNode ask(RawWebSocket socket, String frame) throws IOException {
        socket.sendText(frame);
        String text = socket.nextText(TestServer.WAIT);
        assertTrue(text != null, "no reply to " + frame);
        return TestServer.CODEC.parse(text).orElseThrow();
    }

    private static String reason(JsonNode reply) {
        assertEquals("invalid", reply.get("type").textValue(), reply.toString());
        return reply.get("data").get("reason").textValue();
    }

    @Test
    void everythingBeforeAuthIsUnauthenticatedThenAuthWelcomes() throws IOException {
        try (RawWebSocket socket = anonymous()) {
            assertEquals("unauthenticated", reason(ask(socket, "{\"type\":\"listEvents\"}")));
            assertEquals("unauthenticated", reason(ask(socket, "garbage")));
            socket.sendFrame(RawWebSocket.BINARY, "x".getBytes(StandardCharsets.UTF_8), true);
            assertEquals("unauthenticated", reason(TestServer.CODEC.parse(socket.nextText(TestServer.WAIT)).orElseThrow()));
            assertEquals("missingToken", reason(ask(socket, "{\"type\":\"auth\",\"data\":{}}")));
            assertEquals("invalidToken", reason(ask(socket, "{\"type\":\"auth\",\"data\":{\"token\":\"nk_wrong\"}}")));
            JsonNode welcome = ask(socket, "{\"type\":\"auth\",\"data\":{\"token\":\"" + server.token("late") + "\"}}");
            assertEquals("welcome", welcome.get("type").textValue());
            assertEquals("listEvents", ask(socket, "{\"type\":\"listEvents\"}").get("type").textValue());
            assertEquals("malformed", reason(ask(socket, "{\"type\":\"auth\",\"data\":{\"token\":\"x\"}}")));
        }
    }

    @Test
    void credentialsAtTheHandshakeStillWelcomeAtOnce() throws IOException {
        server.connect(server.token("direct")).close();
    }

    @Test
    void aConnectionThatNeverAuthenticatesIsClosedWith1008() throws IOException {
        try (RawWebSocket socket = anonymous()) {
            assertEquals(1008, socket.awaitClose(TestServer.WAIT, true));
        }
    }

    @Test
    void inBandAuthCountsAgainstTheLimit() throws IOException {
        String token = server.token("counted");
        RawWebSocket[] open = new RawWebSocket[5];
        for (int i = 0; i < 5; i++) {
            open[i] = server.connect(token);
        }
        try (RawWebSocket sixth = anonymous()) {
            sixth.sendText("{\"type\":\"auth\",\"data\":{\"token\":\"" + token + "\"}}");
            assertEquals(1008, sixth.awaitClose(TestServer.WAIT, true));
        } finally {
            for (RawWebSocket socket : open) {
                socket.close();
            }
        }
    }
}
