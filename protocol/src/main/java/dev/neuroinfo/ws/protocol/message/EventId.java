package dev.neuroinfo.ws.protocol.message;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an event stands in the deployment's history (docs/protocol.md, REC): {@code offset}
 * orders it among every event the deployment broadcast in this {@code epoch}, without gaps, and
 * {@code epoch} names that history, changing whenever the history is lost and offsets start again.
 *
 * @param epoch  the history's name: 1..64 characters of {@code A-Z a-z 0-9 - _}
 * @param offset the event's position, from 1 upwards
 */
public record EventId(String epoch, long offset) {
    private static final Pattern EPOCH = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public EventId {
        Objects.requireNonNull(epoch, "epoch");
        if (!isEpoch(epoch)) {
            throw new IllegalArgumentException("an epoch is 1..64 characters of A-Z a-z 0-9 - _");
        }
        if (offset < 1) {
            throw new IllegalArgumentException("an offset is at least 1");
        }
    }

    /** Whether a string has the form of an epoch. */
    public static boolean isEpoch(String text) {
        return text != null && EPOCH.matcher(text).matches();
    }
}
