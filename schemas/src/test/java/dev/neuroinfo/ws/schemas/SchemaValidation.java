package dev.neuroinfo.ws.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads our schemas the way a user of the jar would: by {@code $id}, with the id prefix mapped to
 * the classpath, so every {@code $ref} resolves locally and nothing is fetched from the network.
 */
final class SchemaValidation {
    static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
    static final JsonMapper MAPPER = JsonMapper.builder().build();


    private SchemaValidation() {
    }

    /** The compiled schema of one of our files, loaded through its {@code $id}. */
    static Schema schema(String file) {
        return OfflineSchemas.schema(file);
    }

    /** The 2020-12 meta-schema (bundled with the validator, not fetched). */
    static Schema metaSchema() {
        Schema schema = OfflineSchemas.registry().getSchema(SchemaLocation.of(META_SCHEMA));
        schema.initializeValidators();
        return schema;
    }

    static List<Error> errors(String file, JsonNode instance) {
        return schema(file).validate(instance);
    }

    /** A schema file parsed as plain JSON. */
    static JsonNode readSchemaFile(String file) {
        try (InputStream in = Schemas.open(file)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource parsed as JSON. */
    static JsonNode readResource(String path) {
        try (InputStream in = SchemaValidation.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + path);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String describe(List<Error> errors) {
        StringBuilder text = new StringBuilder();
        for (Error error : errors) {
            text.append("\n  ").append(error.getKeyword()).append(" at ")
                    .append(error.getInstanceLocation()).append(": ").append(error.getMessage());
        }
        return text.toString();
    }
}
