package dev.neuroinfo.ws.server.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file in the data directory that grows by whole lines, each forced to disk before
 * {@link #append} returns. A crash in the middle of an append leaves at most one torn line at the
 * end, without its newline; {@link #lines} drops it and cuts it off, since its append never
 * returned. Cheap where {@link dev.neuroinfo.ws.protocol.files.DurableFile} would rewrite a whole file for each change.
 */
public final class AppendLog {
    private static final byte NEWLINE = '\n';

    private final Path file;

    /** The file {@code name} in {@code directory}, which must exist. */
    public AppendLog(Path directory, String name) {
        this.file = directory.resolve(name);
    }

    /** The file's path. */
    public Path path() {
        return file;
    }

    /**
     * Appends one line durably. On failure the file is cut back to its length before, so that no
     * part of the line stays behind to be read later.
     *
     * @param line without a newline; it must contain none
     */
    public void append(String line) throws IOException {
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a line without newlines");
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long end = channel.size();
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer, end + buffer.position());
                }
                channel.force(false);
            } catch (IOException e) {
                try {
                    channel.truncate(end);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    /**
     * The complete lines, in order; none when the file does not exist. A torn last line is cut off
     * the file.
     */
    public List<String> lines() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        byte[] bytes = Files.readAllBytes(file);
        int complete = bytes.length;
        while (complete > 0 && bytes[complete - 1] != NEWLINE) {
            complete--;
        }
        if (complete < bytes.length) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(complete);
                channel.force(false);
            }
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < complete; i++) {
            if (bytes[i] == NEWLINE) {
                lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return lines;
    }

    /** Empties the file durably (its lines are kept elsewhere now). */
    public void clear() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(0);
            channel.force(false);
        }
    }
}
