package dev.neuroinfo.ws.server;

import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.config.Setting;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory, held by one server from its start until it stops (or its
 * process ends, when the operating system drops the lock). Two servers on one directory would each
 * keep their own view of {@code tokens.json} and overwrite each other's changes, and two first
 * starts would each create an admin token: the second server refuses to start instead.
 *
 * <p>The lock is an advisory {@link FileLock} on {@value #FILE_NAME}, which also names the holding
 * process for the refusal message. The file stays when the lock is released: deleting it would let
 * a server that opened it just before lock a file no other server can see.
 */
final class DataDirectoryLock implements AutoCloseable {
    /** The lock file inside the data directory. */
    static final String FILE_NAME = "server.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks a data directory, creating it when missing.
     *
     * @throws StoreException when another server (in this process or another) holds it, or the
     *                        directory cannot be used; the message says which and what to do
     */
    static DataDirectoryLock acquire(Path dataDir) throws StoreException {
        Path directory = dataDir.toAbsolutePath().normalize();
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(file);
                throw new StoreException("Data directory " + directory + " is in use by another server"
                        + (holder.isEmpty() ? "" : " (" + holder + ")") + ". Stop that server first, or give this one "
                        + "a data directory of its own (" + Setting.DATA_DIR.flag() + ", " + Setting.DATA_DIR.variable()
                        + ").", null);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("Cannot lock data directory " + directory + ": " + e, e);
        } catch (StoreException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The lock, or null when another holder has it; this process counts as another holder too. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    /** What the holder wrote into the lock file, e.g. {@code pid 4711}; empty when unreadable. */
    private static String holder(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was locked through it
            }
        }
    }

    /** Releases the lock; the next server may use the directory. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            System.getLogger(DataDirectoryLock.class.getName()).log(System.Logger.Level.WARNING,
                    "could not release the data directory lock: " + e.getMessage());
        }
        closeQuietly(channel);
    }
}
