package dev.neuroinfo.ws.schemas.agreement;

import com.networknt.schema.Error;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.schemas.OfflineSchemas;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schemas as the agreement tests see them: loaded by {@code $id} from the classpath (no
 * network), validating JSON text, and naming which schema file governs which message or payload.
 */
final class AgreementSchemas {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final Map<String, String> MESSAGE_SCHEMAS = Map.ofEntries(
            Map.entry("client:addEvent", "add-event.json"),
            Map.entry("client:removeEvent", "remove-event.json"),
            Map.entry("client:listEvents", "list-events.json"),
            Map.entry("client:ping", "ping.json"),
            Map.entry("client:auth", "auth.json"),
            Map.entry("server:welcome", "welcome.json"),
            Map.entry("server:event", "event.json"),
            Map.entry("server:addSuccess", "add-success.json"),
            Map.entry("server:removeSuccess", "remove-success.json"),
            Map.entry("server:listEvents", "list-events-reply.json"),
            Map.entry("server:invalid", "invalid.json"),
            Map.entry("server:pong", "pong.json"));

    private AgreementSchemas() {
    }

    /** The validation errors of a JSON text against one of our schema files (empty when valid). */
    static List<Error> errors(String file, String json) {
        return OfflineSchemas.schema(file).validate(MAPPER.readTree(json));
    }

    /** The per-message schema of a client message type, e.g. {@code add-event.json}. */
    static String clientSchema(String type) {
        return schemaOf("client:" + type);
    }

    /** The per-message schema of a server message type, e.g. {@code welcome.json}. */
    static String serverSchema(String type) {
        return schemaOf("server:" + type);
    }

    /** The payload schema of an event type, e.g. {@code stream-online-payload.json}. */
    static String payloadSchema(EventType type) {
        String wire = type.wireName();
        StringBuilder file = new StringBuilder();
        for (char c : wire.toCharArray()) {
            if (Character.isUpperCase(c)) {
                file.append('-').append(Character.toLowerCase(c));
            } else {
                file.append(c);
            }
        }
        return file.append("-payload.json").toString();
    }

    private static String schemaOf(String key) {
        String file = MESSAGE_SCHEMAS.get(key);
        if (file == null) {
            throw new IllegalArgumentException("no schema for " + key);
        }
        return file;
    }

    /** One line per error: keyword, JSON pointer of the instance location, message. */
    static String describe(List<Error> errors) {
        StringBuilder text = new StringBuilder();
        for (Error error : errors) {
            text.append("\n    ").append(error.getKeyword()).append(" at '")
                    .append(error.getInstanceLocation()).append("': ").append(error.getMessage());
        }
        return text.toString();
    }

    /** The JSON pointers at which the schema objected, for naming the disputed field. */
    static String pointers(List<Error> errors) {
        return errors.stream().map(e -> "'" + e.getInstanceLocation() + "' (" + e.getKeyword() + ")")
                .distinct().reduce((a, b) -> a + ", " + b).orElse("(none)");
    }
}
