package dev.neuroinfo.ws.schemas;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Our schemas compiled for the networknt validator, loaded by {@code $id} with the id prefix mapped
 * to this jar, so every {@code $ref} resolves locally and nothing is fetched from the network.
 *
 * <p>Only for users who validate on the JVM with networknt's json-schema-validator: that library
 * is an optional dependency of this jar, so add it to your own build to use this class. The
 * schema files themselves ({@link Schemas}) need nothing.
 *
 * <p>Validation is standard draft 2020-12. Only the error report of our {@code oneOf} dispatches
 * is focused: a message that names its {@code type} (an event its {@code eventType}) gets the
 * errors of that type's schema, not those of every other type too.
 */
public final class OfflineSchemas {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            Dialect.builder(Dialects.getDraft202012()).keyword(new DiscriminatedOneOf()).build(),
            builder -> builder.schemaLoader(loader -> loader
                    .fetchRemoteResources(false)
                    .schemaIdResolvers(ids -> ids.mapPrefix(
                            Schemas.ID_PREFIX, "classpath:" + Schemas.RESOURCE_DIRECTORY))));
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private OfflineSchemas() {
    }

    /** The registry that resolves our {@code $id}s from the classpath. */
    public static SchemaRegistry registry() {
        return REGISTRY;
    }

    /**
     * One of our schema files, compiled once and shared (networknt schemas are thread-safe once
     * their validators are initialised).
     *
     * @param file a name from {@link Schemas#files()}, e.g. {@code event-data.json}
     */
    public static Schema schema(String file) {
        return COMPILED.computeIfAbsent(file, name -> {
            Schema schema = REGISTRY.getSchema(SchemaLocation.of(Schemas.id(name)));
            schema.initializeValidators();
            return schema;
        });
    }
}
