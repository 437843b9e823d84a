package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.recovery.HistoryPage;
import dev.neuroinfo.ws.protocol.recovery.RecoveryGap;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The rules of REC-6 and REC-7, the same for every store: which events a history request gets, or
 * why it gets none.
 *
 * @param epoch    the current history's name
 * @param offset   the newest offset issued in it
 * @param retained the events the history holds, by offset, contiguous up to {@code offset}
 */
public record HistoryWindow(String epoch, long offset, List<Event> retained) {
    /**
     * The retained events without those older than {@code maxAge} at {@code now}. Dropped from
     * the oldest on, so that what stays is contiguous up to the newest offset even where a held
     * streamUpdate carries an older timestamp than the event before it.
     */
    public static List<Event> young(List<Event> byOffset, long now, Duration maxAge) {
        long cutoff = now - maxAge.toMillis();
        int first = 0;
        while (first < byOffset.size() && byOffset.get(first).timestamp() < cutoff) {
            first++;
        }
        return byOffset.subList(first, byOffset.size());
    }

    /** The answer to a request for the events after {@code (askedEpoch, since)} of {@code types}. */
    public HistoryPage after(String askedEpoch, long since, Set<EventType> types) {
        if (!epoch.equals(askedEpoch) || since > offset || since < 0) {
            return new HistoryPage(epoch, offset, RecoveryGap.OTHER_EPOCH, List.of());
        }
        long oldestHeld = retained.isEmpty() ? offset + 1 : retained.get(0).id().offset();
        if (oldestHeld > since + 1) {
            return new HistoryPage(epoch, offset, RecoveryGap.TOO_OLD, List.of());
        }
        List<Event> missed = retained.stream()
                .filter(e -> e.id().offset() > since && types.contains(e.eventType()))
                .toList();
        return new HistoryPage(epoch, offset, null, missed);
    }
}
