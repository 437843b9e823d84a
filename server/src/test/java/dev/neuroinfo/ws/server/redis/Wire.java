package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.server.it.RawWebSocket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the cluster tests say to nodes: HTTP requests, handshakes, WebSocket sessions. */
final class Wire {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final MessageCodec CODEC = new MessageCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Wire() {
    }

    /** {@code GET /api/ws/ticket} with a bearer token. */
    static HttpResponse<String> ticketRequest(URI http, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(http + "/api/ws/ticket"))
                .header("Authorization", "Bearer " + token).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code DELETE /api/admin/tokens/<id>} with an admin token; the status. */
    static int revoke(URI http, String adminToken, String tokenId) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(http + "/api/admin/tokens/" + tokenId)).DELETE()
                .header("Authorization", "Bearer " + adminToken).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A ticket from a node's ticket endpoint. */
    static String ticket(URI http, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = ticketRequest(http, token);
        assertEquals(200, response.statusCode(), response.body());
        return CODEC.parse(response.body()).orElseThrow().get("data").get("ticket").textValue();
    }

    /**
     * A handshake over a bare socket ({@link RawWebSocket}), for answers that are not upgrades:
     * status and body exactly as sent. An upgrade that succeeds anyway is closed at once.
     */
    static RawWebSocket.Response handshake(URI ws, String query, String token) throws IOException {
        Map<String, String> headers = token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
        try (RawWebSocket socket = RawWebSocket.open(ws.getPort(), ws.getPath() + (query == null ? "" : "?" + query),
                headers)) {
            return socket.response();
        }
    }

    /** Opens a session with the bearer token and waits for its welcome. */
    static Session connect(URI ws, String token) throws Exception {
        Session session = new Session();
        session.socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(WAIT).buildAsync(ws, session).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        JsonNode welcome = session.next();
        assertEquals("welcome", welcome.get("type").textValue(), welcome.toString());
        return session;
    }

    /** One WebSocket session; every text message is queued for the test to take. */
    static final class Session implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean closed;
        private volatile int closeCode;
        private WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
        }

        /** The next message, failing when none comes within {@link #WAIT}. */
        JsonNode next() throws InterruptedException {
            JsonNode message = poll(WAIT);
            if (message == null) {
                throw new AssertionError("no message within " + WAIT.toSeconds() + " s");
            }
            return message;
        }

        /** The next message within {@code timeout}, or null. */
        JsonNode poll(Duration timeout) throws InterruptedException {
            String text = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return text == null ? null : CODEC.parse(text).orElseThrow();
        }

        /** Subscribes to an event type and waits for the confirmation. */
        void subscribe(EventType type) throws InterruptedException {
            socket.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"" + type.wireName() + "\"}}", true);
            JsonNode reply = next();
            assertEquals("addSuccess", reply.get("type").textValue(), reply.toString());
        }

        /** The next message, which must be an event; its {@code data}. */
        JsonNode nextEvent() throws InterruptedException {
            JsonNode message = next();
            assertEquals("event", message.get("type").textValue(), message.toString());
            return message.get("data");
        }

        boolean isClosed() {
            return closed;
        }

        /** The close code the server sent, once closed. */
        int closeCode() {
            return closeCode;
        }

        @Override
        public void close() {
            if (!closed) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
                socket.abort();
            }
        }
    }
}
