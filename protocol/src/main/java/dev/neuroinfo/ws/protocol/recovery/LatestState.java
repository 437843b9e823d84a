package dev.neuroinfo.ws.protocol.recovery;

import dev.neuroinfo.ws.protocol.message.Event;
import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code GET /api/events/latest} (REC-4): the last event of each type the history
 * retains, and the position they were read at.
 *
 * @param epoch  the current history's name
 * @param offset the newest offset issued in it (0 before the first event): a client continues
 *               from here (REC-9)
 * @param events at most one event per type, in documented type order, each with its id
 */
public record LatestState(String epoch, long offset, List<Event> events) {
    public LatestState {
        Objects.requireNonNull(epoch, "epoch");
        events = List.copyOf(events);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
    }
}
