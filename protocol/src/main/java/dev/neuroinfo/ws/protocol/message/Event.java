package dev.neuroinfo.ws.protocol.message;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import java.util.Objects;

/**
 * An event delivered to a subscriber.
 *
 * @param eventType what happened
 * @param eventData its data, of the record type {@link EventType#payloadType()} names
 * @param timestamp when the server accepted the event, epoch milliseconds
 * @param id        its place in the history, or null from a server that does not offer recovery (REC)
 */
public record Event(EventType eventType, EventPayload eventData, long timestamp, EventId id) implements ServerMessage {
    /** An event without an id, as every server sends it unless it offers recovery. */
    public Event(EventType eventType, EventPayload eventData, long timestamp) {
        this(eventType, eventData, timestamp, null);
    }

    public Event {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventData, "eventData");
        if (!eventType.payloadType().isInstance(eventData)) {
            throw new IllegalArgumentException(eventType + " carries " + eventType.payloadType().getSimpleName()
                    + ", not " + eventData.getClass().getSimpleName());
        }
    }

    /** The same event at its place in the history. */
    public Event withId(EventId newId) {
        return new Event(eventType, eventData, timestamp, Objects.requireNonNull(newId, "id"));
    }

    @Override
    public String type() {
        return MessageTypes.EVENT;
    }
}
