package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * OfflineSchemas' oneOf only focuses the error report: every verdict equals stock draft 2020-12
 * validation, and a document whose discriminator selects a branch gets that branch's errors only.
 */
class DiscriminatedOneOfTest {
    private static final SchemaRegistry STOCK = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)
                    .schemaIdResolvers(ids -> ids.mapPrefix(
                            Schemas.ID_PREFIX, "classpath:" + Schemas.RESOURCE_DIRECTORY))));

    @Test
    void everyVerdictIsTheStockOneOfVerdict() {
        List<JsonNode> corpus = SchemaCorpus.documents();
        int rejected = 0;
        for (String file : Schemas.files()) {
            Schema stock = STOCK.getSchema(SchemaLocation.of(Schemas.id(file)));
            for (JsonNode document : corpus) {
                boolean stockValid = stock.validate(document).isEmpty();
                assertEquals(stockValid, SchemaValidation.errors(file, document).isEmpty(), file + " with " + document);
                rejected += stockValid ? 0 : 1;
            }
        }
        assertTrue(rejected > 0);
    }

    @Test
    void anEventNamingItsTypeGetsOnlyThatPayloadsErrors() {
        JsonNode message = SchemaValidation.MAPPER.readTree("{\"type\":\"event\",\"data\":{\"eventType\":"
                + "\"streamOffline\",\"eventData\":{\"isLive\":false,\"extra\":1},\"timestamp\":1766924114000}}");
        List<Error> errors = SchemaValidation.errors(Schemas.SERVER_MESSAGE, message);
        assertEquals(Set.of("additionalProperties at /data/eventData"), summary(errors),
                SchemaValidation.describe(errors));
    }

    @Test
    void aMessageOfNoKnownTypeGetsTheStockReport() {
        JsonNode message = SchemaValidation.MAPPER.readTree("{\"type\":\"nope\",\"data\":{}}");
        Set<String> errors = summary(SchemaValidation.errors(Schemas.CLIENT_MESSAGE, message));
        assertTrue(errors.containsAll(Set.of("enum at /type", "oneOf at ", "const at /type")), errors.toString());
    }

    private static Set<String> summary(List<Error> errors) {
        return errors.stream().map(e -> e.getKeyword() + " at " + e.getInstanceLocation()).collect(Collectors.toSet());
    }
}
