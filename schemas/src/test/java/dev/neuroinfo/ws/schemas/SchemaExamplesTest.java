package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code examples} of every schema are valid, both against their own schema and through the
 * dispatching schemas (client-message, server-message, event-data).
 */
class SchemaExamplesTest {

    static Stream<String> files() {
        return Schemas.files().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyExampleValidatesAgainstItsSchema(String file) {
        for (JsonNode example : SchemaValidation.readSchemaFile(file).path("examples")) {
            List<Error> errors = SchemaValidation.errors(file, example);
            assertTrue(errors.isEmpty(), file + " example " + example + SchemaValidation.describe(errors));
        }
    }

    @Test
    void clientMessageDispatchesEveryClientType() {
        Map<String, String> table = messageDispatchTable(Schemas.CLIENT_MESSAGE);
        assertEquals(Map.of("addEvent", "add-event.json", "removeEvent", "remove-event.json",
                "listEvents", "list-events.json", "ping", "ping.json", "auth", "auth.json"), table);
        assertExamplesValidateThrough(Schemas.CLIENT_MESSAGE, table);
        assertEquals(table.keySet(), Set.copyOf(SchemaFilesTest.strings(
                SchemaValidation.readSchemaFile(Schemas.CLIENT_MESSAGE).at("/properties/type/enum"))));
    }

    @Test
    void serverMessageDispatchesEveryServerType() {
        Map<String, String> table = messageDispatchTable(Schemas.SERVER_MESSAGE);
        assertEquals(Map.of("welcome", "welcome.json", "event", "event.json", "addSuccess", "add-success.json",
                "removeSuccess", "remove-success.json", "listEvents", "list-events-reply.json",
                "invalid", "invalid.json", "pong", "pong.json"), table);
        assertExamplesValidateThrough(Schemas.SERVER_MESSAGE, table);
        assertEquals(table.keySet(), Set.copyOf(SchemaFilesTest.strings(
                SchemaValidation.readSchemaFile(Schemas.SERVER_MESSAGE).at("/properties/type/enum"))));
    }

    @Test
    void eventDataDispatchesEveryEventTypeInDocumentedOrder() {
        Map<String, String> table = eventDispatchTable();
        assertEquals(SchemaFilesTest.strings(SchemaValidation.readSchemaFile(Schemas.EVENT_TYPE).path("enum")),
                List.copyOf(table.keySet()));
        for (Map.Entry<String, String> row : table.entrySet()) {
            for (JsonNode payload : SchemaValidation.readSchemaFile(row.getValue()).path("examples")) {
                List<Error> errors = SchemaValidation.errors(Schemas.EVENT_DATA, event(row.getKey(), payload));
                assertTrue(errors.isEmpty(), row.getKey() + " " + payload + SchemaValidation.describe(errors));
            }
        }
    }

    /**
     * A payload under another event type is accepted exactly when that type's payload schema
     * accepts it (the aliases secretneuroaccountOnline and streamRaidOutgoing share shapes).
     */
    @Test
    void eventDataChecksThePayloadOfTheNamedEventTypeOnly() {
        Map<String, String> table = eventDispatchTable();
        int rejected = 0;
        for (String payloadFile : Set.copyOf(table.values())) {
            for (JsonNode payload : SchemaValidation.readSchemaFile(payloadFile).path("examples")) {
                for (Map.Entry<String, String> row : table.entrySet()) {
                    boolean fitsPayload = SchemaValidation.errors(row.getValue(), payload).isEmpty();
                    boolean fitsEvent = SchemaValidation.errors(Schemas.EVENT_DATA, event(row.getKey(), payload)).isEmpty();
                    assertEquals(fitsPayload, fitsEvent, row.getKey() + " with " + payload);
                    rejected += fitsEvent ? 0 : 1;
                }
            }
        }
        assertTrue(rejected > 0);
    }

    @Test
    void eventMessageChecksItsPayload() {
        JsonNode message = SchemaValidation.MAPPER.readTree(
                "{\"type\":\"event\",\"data\":{\"eventType\":\"streamOffline\",\"eventData\":{\"isLive\":true},"
                        + "\"timestamp\":1766924114000}}");
        assertFalse(SchemaValidation.errors("event.json", message).isEmpty());
        assertFalse(SchemaValidation.errors(Schemas.SERVER_MESSAGE, message).isEmpty());
    }

    @Test
    void envelopesTolerateUnknownMembers() {
        JsonNode message = SchemaValidation.MAPPER.readTree(
                "{\"type\":\"addEvent\",\"id\":7,\"data\":{\"eventType\":\"streamOnline\",\"note\":\"x\"}}");
        assertTrue(SchemaValidation.errors(Schemas.CLIENT_MESSAGE, message).isEmpty());
        JsonNode reply = SchemaValidation.MAPPER.readTree(
                "{\"type\":\"welcome\",\"server\":\"other\",\"data\":{\"sessionId\":\"a1b2c3d4\",\"version\":2}}");
        assertTrue(SchemaValidation.errors(Schemas.SERVER_MESSAGE, reply).isEmpty());
    }

    private static void assertExamplesValidateThrough(String dispatcher, Map<String, String> table) {
        for (String file : table.values()) {
            for (JsonNode example : SchemaValidation.readSchemaFile(file).path("examples")) {
                List<Error> errors = SchemaValidation.errors(dispatcher, example);
                assertTrue(errors.isEmpty(), dispatcher + " with " + example + SchemaValidation.describe(errors));
            }
        }
    }

    /** Reads a oneOf of $refs to message schemas: each message schema's type const selects it. */
    private static Map<String, String> messageDispatchTable(String file) {
        Map<String, String> table = new LinkedHashMap<>();
        for (JsonNode branch : SchemaValidation.readSchemaFile(file).path("oneOf")) {
            String target = branch.path("$ref").asString();
            table.put(SchemaValidation.readSchemaFile(target).at("/properties/type/const").asString(), target);
        }
        return table;
    }

    /** Reads event-data's oneOf: each branch's eventType const selects its eventData $ref. */
    private static Map<String, String> eventDispatchTable() {
        Map<String, String> table = new LinkedHashMap<>();
        for (JsonNode branch : SchemaValidation.readSchemaFile(Schemas.EVENT_DATA).path("oneOf")) {
            table.put(branch.at("/properties/eventType/const").asString(),
                    branch.at("/properties/eventData/$ref").asString());
        }
        return table;
    }

    private static JsonNode event(String eventType, JsonNode payload) {
        ObjectNode event = SchemaValidation.MAPPER.createObjectNode();
        event.put("eventType", eventType);
        event.set("eventData", payload);
        return event;
    }
}
