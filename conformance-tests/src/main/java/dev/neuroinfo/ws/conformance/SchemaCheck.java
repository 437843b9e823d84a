package dev.neuroinfo.ws.conformance;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.neuroinfo.ws.schemas.OfflineSchemas;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates JSON text against the API's JSON Schemas, loaded from the schemas jar by {@code $id}
 * (the id prefix mapped to the classpath), so nothing is fetched from the network.
 */
final class SchemaCheck {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private SchemaCheck() {
    }

    /** The violations of {@code json} against schema file {@code file}; empty when valid. */
    static List<String> errors(String file, String json) {
        Schema schema = OfflineSchemas.schema(file);
        try {
            List<Error> errors = schema.validate(MAPPER.readTree(json));
            return errors.stream()
                    .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                    .toList();
        } catch (JacksonException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
    }
}
