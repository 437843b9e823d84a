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
 */
public record Event(EventType eventType, EventPayload eventData, long timestamp) implements ServerMessage {
    public Event {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventData, "eventData");
        if (!eventType.payloadType().isInstance(eventData)) {
            throw new IllegalArgumentException(eventType + " carries " + eventType.payloadType().getSimpleName()
                    + ", not " + eventData.getClass().getSimpleName());
        }
    }

    @Override
    public String type() {
        return MessageTypes.EVENT;
    }
}
