package dev.neuroinfo.ws.conformance;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.neuroinfo.ws.schemas.Schemas;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates JSON text against the API's JSON Schemas, loaded from the schemas jar by {@code $id}
 * (the id prefix mapped to the classpath), so nothing is fetched from the network.
 */
final class SchemaCheck {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader
                    .fetchRemoteResources(false)
                    .schemaIdResolvers(ids -> ids.mapPrefix(
                            Schemas.ID_PREFIX, "classpath:" + Schemas.RESOURCE_DIRECTORY))));
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private SchemaCheck() {
    }

    /** The violations of {@code json} against schema file {@code file}; empty when valid. */
    static List<String> errors(String file, String json) {
        Schema schema = COMPILED.computeIfAbsent(file, f -> {
            Schema s = REGISTRY.getSchema(SchemaLocation.of(Schemas.id(f)));
            s.initializeValidators();
            return s;
        });
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
