package dev.neuroinfo.ws.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@value Schemas#BUNDLE}: every schema of {@link Schemas#files()} under {@code $defs}
 * (keyed by its file name without {@code .json}), each {@code $ref} rewritten to
 * {@code #/$defs/...}, so that tools which cannot follow references to other files (most code
 * generators) get one self-contained document. The root accepts any client or server message.
 *
 * <p>The build runs {@link #main} after compiling, writing into the output directory, so the
 * bundle ships in the jar; nobody edits it by hand.
 */
public final class SchemaBundler {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final String DEFS = "$defs";
    private static final String REF = "$ref";
    /** Values that are data, not schemas: a {@code $ref} member inside them is not a reference. */
    private static final String EXAMPLES = "examples";

    private SchemaBundler() {
    }

    /**
     * Writes the bundle.
     *
     * @param args one argument: the directory to write {@value Schemas#BUNDLE} into (its
     *             classpath root, e.g. {@code target/classes})
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SchemaBundler <output root directory>");
        }
        Path target = Path.of(args[0]).resolve(Schemas.BUNDLE);
        Files.createDirectories(target.getParent());
        Files.writeString(target, MAPPER.writeValueAsString(bundle()) + "\n", StandardCharsets.UTF_8);
    }

    /** The bundle document. */
    public static ObjectNode bundle() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", Schemas.ID_PREFIX + Schemas.BUNDLE_FILE);
        root.put("title", "NeuroInfo WebSocket API message");
        root.put("description", "Any message of the NeuroInfo WebSocket API, from the client or from the "
                + "server. Generated from the split schemas: every schema is one of the $defs, keyed by "
                + "its file name without .json, e.g. #/$defs/server-message.");
        ArrayNode anyOf = root.putArray("anyOf");
        anyOf.addObject().put(REF, pointerTo(Schemas.CLIENT_MESSAGE));
        anyOf.addObject().put(REF, pointerTo(Schemas.SERVER_MESSAGE));
        ObjectNode defs = root.putObject(DEFS);
        for (String file : Schemas.files()) {
            ObjectNode schema = (ObjectNode) read(file);
            schema.remove("$schema");
            schema.remove("$id");
            rewriteRefs(schema, URI.create(Schemas.id(file)));
            defs.set(defName(file), schema);
        }
        return root;
    }

    /** The {@code $defs} key of a schema file, e.g. {@code server-message}. */
    public static String defName(String file) {
        return file.substring(0, file.length() - ".json".length());
    }

    /** The in-bundle reference to a schema file, e.g. {@code #/$defs/server-message}. */
    public static String pointerTo(String file) {
        return "#/" + DEFS + "/" + defName(file);
    }

    private static void rewriteRefs(JsonNode node, URI base) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                if (member.getKey().equals(REF) && member.getValue().isString()) {
                    object.put(REF, inBundle(base.resolve(member.getValue().asString())));
                } else if (!member.getKey().equals(EXAMPLES)) {
                    rewriteRefs(member.getValue(), base);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, base));
        }
    }

    private static String inBundle(URI target) {
        String id = target.getScheme() + ":" + target.getSchemeSpecificPart();
        String file = Schemas.fileForId(id)
                .orElseThrow(() -> new IllegalStateException("$ref leaves our schemas: " + target));
        return pointerTo(file) + (target.getFragment() == null ? "" : target.getFragment());
    }

    private static JsonNode read(String file) {
        try (InputStream in = Schemas.open(file)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
