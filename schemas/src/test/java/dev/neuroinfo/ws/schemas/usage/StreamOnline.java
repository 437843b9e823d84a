package dev.neuroinfo.ws.schemas.usage;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import dev.neuroinfo.ws.schemas.OfflineSchemas;
import dev.neuroinfo.ws.schemas.Schemas;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Java example of schemas/README.md, as a user of the jar writes it (the test runs it on real frames). */
final class StreamOnline {
    private static final Schema SERVER_MESSAGE = OfflineSchemas.schema(Schemas.SERVER_MESSAGE);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StreamOnline() {
    }

    /** The title of a streamOnline event frame; empty for any other valid server frame. */
    static Optional<String> title(String frame) {
        var errors = SERVER_MESSAGE.validate(frame, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("not a server message: " + errors);
        }
        JsonNode message = JSON.readTree(frame);
        if (message.at("/type").asString().equals("event")
                && message.at("/data/eventType").asString().equals("streamOnline")) {
            return Optional.of(message.at("/data/eventData/title").asString());
        }
        return Optional.empty();
    }

    /** The frame that subscribes to streamOnline events. */
    static String subscribe() {
        return JSON.writeValueAsString(JSON.createObjectNode().put("type", "addEvent")
                .set("data", JSON.createObjectNode().put("eventType", "streamOnline")));
    }
}
