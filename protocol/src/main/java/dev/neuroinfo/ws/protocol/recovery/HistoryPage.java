package dev.neuroinfo.ws.protocol.recovery;

import dev.neuroinfo.ws.protocol.message.Event;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@code GET /api/events/history} (REC-6, REC-7): every event after a position, or
 * why they cannot all be given.
 *
 * @param epoch  the current history's name
 * @param offset the newest offset issued in it when the request was answered (0 before the first event)
 * @param gap    null when recovered; otherwise why not, and then {@code events} is empty
 * @param events the events after the position, of the requested types, in offset order
 */
public record HistoryPage(String epoch, long offset, RecoveryGap gap, List<Event> events) {
    public HistoryPage {
        Objects.requireNonNull(epoch, "epoch");
        events = List.copyOf(events);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (gap != null && !events.isEmpty()) {
            throw new IllegalArgumentException("an unrecovered page carries no events");
        }
    }

    /** Whether every event after the position is in {@link #events}. */
    public boolean recovered() {
        return gap == null;
    }

    /** Why not, when not recovered. */
    public Optional<RecoveryGap> reason() {
        return Optional.ofNullable(gap);
    }
}
