package dev.neuroinfo.ws.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents, valid and invalid, for comparing two ways of validating: every schema's examples,
 * every curated negative example, every seed example, and every payload example under every event
 * type, bare ({@code event-data}) and as an event message, so each dispatch branch is hit with
 * documents it must accept and documents it must reject.
 */
final class SchemaCorpus {
    private SchemaCorpus() {
    }

    static List<JsonNode> documents() {
        Set<JsonNode> documents = new LinkedHashSet<>();
        List<JsonNode> payloads = new ArrayList<>();
        for (String file : Schemas.files()) {
            for (JsonNode example : SchemaValidation.readSchemaFile(file).path("examples")) {
                documents.add(example);
                if (file.endsWith("-payload.json")) {
                    payloads.add(example);
                }
            }
        }
        SchemaValidation.readResource("negative-examples.json").forEach(c -> documents.add(c.path("instance")));
        seedExamples().forEach(documents::add);
        for (JsonNode eventType : SchemaValidation.readSchemaFile(Schemas.EVENT_TYPE).path("enum")) {
            for (JsonNode payload : payloads) {
                ObjectNode data = SchemaValidation.MAPPER.createObjectNode();
                data.set("eventType", eventType);
                data.set("eventData", payload);
                documents.add(data);
                ObjectNode message = SchemaValidation.MAPPER.createObjectNode().put("type", "event");
                message.set("data", data.deepCopy().put("timestamp", 1766924114000L));
                documents.add(message);
            }
        }
        return List.copyOf(documents);
    }

    private static Stream<JsonNode> seedExamples() {
        try (Stream<Path> files = Files.list(Path.of(
                SchemaCorpus.class.getClassLoader().getResource("seed-examples/").toURI()))) {
            return files.sorted().map(SchemaCorpus::read).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return SchemaValidation.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
