package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The single-file bundle the build wrote is current, self-contained, and validates like the split files. */
class SchemaBundleTest {

    static Stream<String> files() {
        return Schemas.files().stream();
    }

    @Test
    void theShippedBundleIsTheOneTheSplitFilesMakeNow() throws IOException {
        assertEquals(SchemaBundler.bundle(), shippedBundle(), "stale bundle: rebuild (mvn process-classes)");
    }

    @Test
    void everyRefStaysInsideTheBundle() throws IOException {
        JsonNode bundle = shippedBundle();
        List<String> refs = new ArrayList<>();
        SchemaFilesTest.collectRefs(bundle, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/$defs/"), ref);
            assertFalse(bundle.at(ref.substring(1)).isMissingNode(), ref + " points nowhere");
        }
        assertEquals(Schemas.files().size(), bundle.path("$defs").size());
        bundle.path("$defs").forEach(def -> assertTrue(def.path("$id").isMissingNode(), "nested $id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void eachDefinitionAcceptsAndRejectsWhatItsFileDoes(String file) {
        Schema bundled = OfflineSchemas.registry().getSchema(SchemaLocation.of(
                Schemas.ID_PREFIX + Schemas.BUNDLE_FILE + SchemaBundler.pointerTo(file)));
        int accepted = 0;
        for (JsonNode document : SchemaCorpus.documents()) {
            List<Error> split = SchemaValidation.errors(file, document);
            assertEquals(split.isEmpty(), bundled.validate(document).isEmpty(), file + " with " + document);
            accepted += split.isEmpty() ? 1 : 0;
        }
        assertTrue(accepted > 0, "no document of the corpus is a valid " + file);
    }

    @Test
    void theRootAcceptsEveryClientAndServerMessageAndNothingElse() {
        Schema root = OfflineSchemas.registry().getSchema(SchemaLocation.of(Schemas.ID_PREFIX + Schemas.BUNDLE_FILE));
        for (JsonNode document : SchemaCorpus.documents()) {
            boolean message = SchemaValidation.errors(Schemas.CLIENT_MESSAGE, document).isEmpty()
                    || SchemaValidation.errors(Schemas.SERVER_MESSAGE, document).isEmpty();
            assertEquals(message, root.validate(document).isEmpty(), document.toString());
        }
    }

    private static JsonNode shippedBundle() throws IOException {
        try (InputStream in = SchemaBundleTest.class.getClassLoader().getResourceAsStream(Schemas.BUNDLE)) {
            assertTrue(in != null, "bundle missing from the classpath: " + Schemas.BUNDLE);
            return SchemaValidation.MAPPER.readTree(in);
        }
    }
}
