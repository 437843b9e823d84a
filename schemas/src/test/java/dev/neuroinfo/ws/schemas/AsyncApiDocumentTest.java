package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code asyncapi.yaml} is valid against the official AsyncAPI 3.0.0 JSON Schema (from the npm
 * package {@code @asyncapi/specs}) and gives every client and server message its schema file.
 */
class AsyncApiDocumentTest {
    static final String DOCUMENT = Schemas.RESOURCE_DIRECTORY + "asyncapi.yaml";
    private static Schema asyncApi;

    @BeforeAll
    static void loadTheOfficialSchema() throws IOException {
        // The variant whose $refs are local pointers: nothing to fetch. It is written in draft-07.
        String official = Files.readString(NodeTools.module("@asyncapi/specs/schemas/3.0.0-without-$id.json"));
        asyncApi = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                        builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)))
                .getSchema(official, InputFormat.JSON);
    }

    @Test
    void isAValidAsyncApi3Document() {
        List<Error> errors = asyncApi.validate(document());
        assertTrue(errors.isEmpty(), SchemaValidation.describe(errors));
        assertEquals("3.0.0", document().path("asyncapi").asString());
    }

    @Test
    void theOfficialSchemaRejectsABrokenDocument() {
        ObjectNode broken = (ObjectNode) document();
        ((ObjectNode) broken.at("/operations/sendEvent")).put("action", "publish");
        assertFalse(asyncApi.validate(broken).isEmpty());
        ObjectNode withoutChannel = (ObjectNode) document();
        ((ObjectNode) withoutChannel.at("/operations/receiveAddEvent")).remove("channel");
        assertFalse(asyncApi.validate(withoutChannel).isEmpty());
    }

    @Test
    void everyMessageOfEitherSideHasItsSchemaAndNothingElse() {
        Set<String> payloads = new HashSet<>();
        document().path("components").path("messages")
                .forEach(message -> payloads.add(message.at("/payload/schema/$ref").asString()));
        Set<String> messages = new HashSet<>();
        for (String union : List.of(Schemas.CLIENT_MESSAGE, Schemas.SERVER_MESSAGE)) {
            SchemaValidation.readSchemaFile(union).path("oneOf").forEach(b -> messages.add(b.path("$ref").asString()));
        }
        assertEquals(messages, payloads);
    }

    @Test
    void declaresTheTicketAndTheBearerSchemes() {
        JsonNode schemes = document().at("/components/securitySchemes");
        assertEquals("httpApiKey", schemes.at("/ticket/type").asString());
        assertEquals("query", schemes.at("/ticket/in").asString());
        assertEquals("ticket", schemes.at("/ticket/name").asString());
        assertEquals("bearer", schemes.at("/bearer/scheme").asString());
    }

    static JsonNode document() {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertTrue(in != null, "missing " + DOCUMENT);
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
