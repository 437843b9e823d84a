package dev.neuroinfo.ws.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neuroinfo.ws.protocol.files.DurableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link PositionStore} in one small JSON file, {@code {"epoch": "q3Jx0bS1Wn8vQ2kL", "offset": 4812}}.
 * Each save replaces the file whole and durably (a temporary file in the same directory, forced to
 * disk, renamed over it), so a crash leaves the old position or the new one, never a torn file.
 * A file that is not a position (corrupt, empty, written by something else) is refused with a
 * message naming it, never read as "no position".
 */
public final class FilePositionStore implements PositionStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EPOCH = "epoch";
    private static final String OFFSET = "offset";

    private final DurableFile file;

    /**
     * @param file the position's file; its directory must exist when the first position is saved
     */
    public FilePositionStore(Path file) {
        Path absolute = file.toAbsolutePath();
        if (absolute.getFileName() == null) {
            throw new IllegalArgumentException("a position file needs a file name: " + file);
        }
        this.file = new DurableFile(absolute.getParent(), absolute.getFileName().toString());
    }

    /** The position's file. */
    public Path path() {
        return file.path();
    }

    @Override
    public Optional<EventPosition> load() throws IOException {
        if (!file.exists()) {
            return Optional.empty();
        }
        file.removeLeftovers();
        byte[] bytes = Files.readAllBytes(file.path());
        try {
            return Optional.of(parse(JSON.readTree(bytes)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(file.path() + " does not hold a position (" + detail(e) + "); expected "
                    + "{\"epoch\": \"...\", \"offset\": N}. Move it away to start from the server's latest state "
                    + "instead, knowing that the events since the position it held are then not delivered", e);
        }
    }

    @Override
    public void save(EventPosition position) throws IOException {
        ObjectNode node = JSON.createObjectNode().put(EPOCH, position.epoch()).put(OFFSET, position.offset());
        file.write((JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static EventPosition parse(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("the file is empty");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode epoch = node.get(EPOCH);
        JsonNode offset = node.get(OFFSET);
        if (epoch == null || !epoch.isTextual()) {
            throw new IllegalArgumentException("no string \"epoch\"");
        }
        if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong()) {
            throw new IllegalArgumentException("no integer \"offset\"");
        }
        return new EventPosition(epoch.textValue(), offset.longValue());
    }

    private static String detail(Exception e) {
        return e instanceof JsonProcessingException json ? "not JSON: " + json.getOriginalMessage() : e.getMessage();
    }
}
