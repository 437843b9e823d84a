package dev.neuroinfo.ws.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A connection subscribed to one event type; closing it drops the connection without a close frame. */
final class EventSubscriber implements AutoCloseable, WebSocket.Listener {
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private EventSubscriber() {
    }

    /** Connects with a Bearer token, and subscribes once the welcome has arrived. */
    static EventSubscriber open(URI ws, String token, EventType type) throws Exception {
        EventSubscriber s = new EventSubscriber();
        s.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(ws, s).get(10, TimeUnit.SECONDS);
        assertEquals("welcome", s.next().path("type").asText());
        s.socket.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"" + type.wireName() + "\"}}", true)
                .get(10, TimeUnit.SECONDS);
        assertEquals("addSuccess", s.next().path("type").asText());
        return s;
    }

    /** The next event's {@code data}; fails on any other message or none within the bound. */
    JsonNode nextEvent() throws InterruptedException {
        JsonNode message = next();
        assertEquals("event", message.path("type").asText(), message.toString());
        return message.path("data");
    }

    private JsonNode next() throws InterruptedException {
        JsonNode message = messages.poll(Polls.BOUND.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(message, "a message within " + Polls.BOUND.toSeconds() + " s");
        return message;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(AdminClient.JSON.readTree(partial.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
