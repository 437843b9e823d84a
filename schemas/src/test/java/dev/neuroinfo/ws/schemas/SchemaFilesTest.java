package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/** Every schema file is a well-formed, self-contained JSON Schema 2020-12 document. */
class SchemaFilesTest {

    static Stream<String> files() {
        return Schemas.files().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void declaresDialectIdTitleDescriptionAndExamples(String file) {
        JsonNode schema = SchemaValidation.readSchemaFile(file);
        assertEquals(SchemaValidation.META_SCHEMA, schema.path("$schema").asString(""));
        assertEquals(Schemas.ID_PREFIX + file, schema.path("$id").asString(""));
        assertFalse(schema.path("title").asString("").isBlank(), "title");
        assertFalse(schema.path("description").asString("").isBlank(), "description");
        assertTrue(schema.path("examples").isArray() && !schema.path("examples").isEmpty(), "examples");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void isValidAgainstTheMetaSchema(String file) {
        List<Error> errors = SchemaValidation.metaSchema().validate(SchemaValidation.readSchemaFile(file));
        assertTrue(errors.isEmpty(), file + SchemaValidation.describe(errors));
    }

    @Test
    void metaSchemaCheckRejectsABrokenSchema() {
        JsonNode broken = SchemaValidation.MAPPER.readTree("{\"type\":\"intger\",\"required\":\"id\"}");
        assertFalse(SchemaValidation.metaSchema().validate(broken).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyRefPointsIntoOneOfOurFiles(String file) {
        List<String> refs = new ArrayList<>();
        collectRefs(SchemaValidation.readSchemaFile(file), refs);
        for (String ref : refs) {
            URI target = URI.create(Schemas.id(file)).resolve(ref);
            String targetId = target.getScheme() + ":" + target.getSchemeSpecificPart();
            String targetFile = Schemas.fileForId(targetId)
                    .orElseThrow(() -> new AssertionError(file + ": $ref " + ref + " leaves our schemas"));
            String fragment = target.getFragment() == null ? "" : target.getFragment();
            JsonNode resolved = SchemaValidation.readSchemaFile(targetFile).at(JsonPointer.compile(fragment));
            assertFalse(resolved.isMissingNode(), file + ": $ref " + ref + " points nowhere");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void loadsFromTheClasspathWithRefsResolved(String file) {
        assertDoesNotThrow(() -> SchemaValidation.schema(file));
    }

    @Test
    void eventTypesAreTheNineWireNamesInDocumentedOrder() {
        assertEquals(List.of("scheduleUpdate", "subathonUpdate", "subathonGoalUpdate", "streamOnline",
                        "streamUpdate", "streamOffline", "secretneuroaccountOnline", "streamRaidIncoming",
                        "streamRaidOutgoing"),
                strings(SchemaValidation.readSchemaFile("event-type.json").path("enum")));
    }

    @Test
    void invalidReasonsAreTheSevenDocumentedValues() {
        assertEquals(List.of("malformed", "unauthenticated", "missingEventtype", "invalidEventtype",
                        "missingToken", "invalidToken", "authError"),
                strings(SchemaValidation.readSchemaFile("invalid-reason.json").path("enum")));
    }

    @Test
    void availableEventsIsTheEventTypeEnumInOrder() {
        JsonNode availableEvents = SchemaValidation.readSchemaFile("list-events-reply.json")
                .at("/properties/data/dependentSchemas/availableEvents/properties/availableEvents/const");
        assertEquals(SchemaValidation.readSchemaFile("event-type.json").path("enum"), availableEvents);
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    /** Every {@code $ref} of a schema, outside its examples. */
    static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref") && entry.getValue().isString()) {
                    refs.add(entry.getValue().asString());
                } else if (!entry.getKey().equals("examples")) {
                    collectRefs(entry.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
