package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.ClientDecoding;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.codec.ServerDecoding;
import dev.neuroinfo.ws.protocol.message.AddEvent;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.message.ServerMessage;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server frames byte for byte as the server writes them (the protocol codec's encoding of the
 * decoded schema examples: every server message type, and an event of each of the nine types),
 * what a program that narrows them to streamOnline must print, and the check of its addEvent.
 */
public final class ServerFrames {
    private static final MessageCodec CODEC = new MessageCodec();

    private ServerFrames() {
    }

    /** The frames, one per line. */
    public static String lines() {
        StringBuilder lines = new StringBuilder();
        messages().forEach(message -> lines.append(CODEC.encode(message)).append('\n'));
        return lines.toString();
    }

    /** Per frame its streamOnline title or {@code -}, then {@code addEvent}, one per line. */
    public static List<String> expectedOutput(String addEvent) {
        List<String> expected = new ArrayList<>();
        for (ServerMessage message : messages()) {
            expected.add(message instanceof Event event && event.eventType() == EventType.STREAM_ONLINE
                    ? ((StreamOnline) event.eventData()).title() : "-");
        }
        expected.add(addEvent);
        return expected;
    }

    /** Checks that a program's last output line is a valid addEvent for streamOnline and returns it. */
    public static String assertSubscribesToStreamOnline(List<String> output) {
        String frame = output.get(output.size() - 1);
        assertEquals(List.of(), SchemaValidation.errors(Schemas.CLIENT_MESSAGE, SchemaValidation.MAPPER.readTree(frame))
                .stream().map(Object::toString).toList(), frame);
        assertEquals(new ClientDecoding.Decoded(new AddEvent(EventType.STREAM_ONLINE)), CODEC.decodeClient(frame));
        return frame;
    }

    private static List<ServerMessage> messages() {
        List<JsonNode> documents = new ArrayList<>();
        SchemaValidation.readSchemaFile(Schemas.SERVER_MESSAGE).path("examples").forEach(documents::add);
        for (JsonNode data : SchemaValidation.readSchemaFile(Schemas.EVENT_DATA).path("examples")) {
            ObjectNode event = SchemaValidation.MAPPER.createObjectNode().put("type", "event");
            event.set("data", ((ObjectNode) data.deepCopy()).put("timestamp", 1766924114000L));
            documents.add(event);
        }
        return documents.stream().map(document -> {
            ServerDecoding decoded = CODEC.decodeServer(document.toString());
            if (!(decoded instanceof ServerDecoding.Decoded frame)) {
                throw new AssertionError("the codec rejects the example " + document + ": " + decoded);
            }
            return frame.message();
        }).toList();
    }
}
