package dev.neuroinfo.ws.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.schemas.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * A valid {@code eventData} for every event type: the first example of the type's payload schema,
 * so the samples are the contract's own and stay in step with it.
 */
final class SampleEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<EventType, JsonNode> SAMPLES = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.documentedOrder()) {
            SAMPLES.put(type, firstExample(payloadSchemaFile(type)));
        }
    }

    private SampleEvents() {
    }

    /** The schema file of a type's payload, e.g. {@code stream-online-payload.json}. */
    static String payloadSchemaFile(EventType type) {
        return type.wireName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT) + "-payload.json";
    }

    /** The sample payload of a type as JSON text. */
    static String json(EventType type) {
        return SAMPLES.get(type).toString();
    }

    /** A streamUpdate payload whose title is the given marker, so arrivals can be told apart. */
    static String streamUpdateTitled(String title) {
        ObjectNode copy = SAMPLES.get(EventType.STREAM_UPDATE).deepCopy();
        copy.put("title", title);
        return copy.toString();
    }

    private static JsonNode firstExample(String file) {
        try (InputStream in = Schemas.open(file)) {
            JsonNode examples = MAPPER.readTree(in).get("examples");
            if (examples == null || !examples.isArray() || examples.isEmpty()) {
                throw new IllegalStateException("schema " + file + " has no examples");
            }
            return examples.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
