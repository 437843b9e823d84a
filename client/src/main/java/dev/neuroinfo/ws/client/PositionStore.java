package dev.neuroinfo.ws.client;

import java.io.IOException;
import java.util.Optional;

/**
 * Keeps a client's {@link EventPosition} beyond the life of the process, so that a client started
 * again gets the events published while it was not running (set with
 * {@link NeuroInfoClientBuilder#positionStore}). Needs a server that offers the recovery
 * extension (docs/protocol.md, REC); with others it is read and never written.
 *
 * <p>The client {@link #load}s once, when it is built, and {@link #save}s on its callback executor
 * after the listeners of each event have returned, and whenever its position moves without an
 * event (the state of a first connect, a resynchronisation after a gap). Calls never overlap.
 * {@link FilePositionStore} keeps it in a file.
 */
public interface PositionStore {
    /**
     * The saved position, empty when none was saved yet.
     *
     * @throws IOException when the stored position cannot be read or is not a position; the client
     *                     is then not built, since starting from nothing would silently lose the
     *                     events since the stored position
     */
    Optional<EventPosition> load() throws IOException;

    /**
     * Replaces the saved position. A failure is reported to {@link ConnectionListener#error} and
     * the client goes on; the next save may succeed.
     */
    void save(EventPosition position) throws IOException;
}
