package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.message.EventId;

/**
 * Where a client stands in a server's history (docs/protocol.md, REC-1): the epoch and offset of
 * the last event it handled, or, before any, of the server's state when it first connected. A
 * client started from a position gets every event after it ({@link PositionStore}).
 *
 * @param epoch  the history's name, 1..64 characters of {@code A-Z a-z 0-9 - _}
 * @param offset the offset in that history, 0 before its first event
 */
public record EventPosition(String epoch, long offset) {
    /**
     * @throws IllegalArgumentException when the epoch is not of that form or the offset is negative
     */
    public EventPosition {
        if (!EventId.isEpoch(epoch)) {
            throw new IllegalArgumentException("an epoch is 1..64 characters of A-Z a-z 0-9 - _, not " + epoch);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("an offset is at least 0, not " + offset);
        }
    }
}
