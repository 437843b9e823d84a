package dev.neuroinfo.ws.protocol.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file that is only ever replaced whole (the server's tokens and event history, the client's
 * position): each write goes to a temporary file in the same directory, is forced to disk and
 * moved over the old one, and the rename is made durable, so a crash at any moment leaves either
 * the old or the new content, never a torn one. Temporary files are owner-only on POSIX systems.
 */
public final class DurableFile {
    private static final System.Logger LOG = System.getLogger(DurableFile.class.getName());
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path directory;
    private final Path file;
    private final String tempPrefix;

    /** The file {@code name} in {@code directory}, which must exist. */
    public DurableFile(Path directory, String name) {
        this.directory = directory;
        this.file = directory.resolve(name);
        this.tempPrefix = name + ".";
    }

    /** The file's path. */
    public Path path() {
        return file;
    }

    /** Whether the file exists. */
    public boolean exists() {
        return Files.exists(file);
    }

    /** Replaces the file's content with {@code bytes}, durably and atomically. */
    public void write(byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(directory, tempPrefix, TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncDirectory();
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** Removes temporary files an interrupted write left behind. */
    public void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, tempPrefix + "*" + TEMP_SUFFIX)) {
            for (Path leftover : leftovers) {
                deleteQuietly(leftover);
            }
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is fine. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.TRACE, "directory sync not supported here", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete temporary file " + path, e);
        }
    }
}
