package dev.neuroinfo.ws.protocol.message;

import dev.neuroinfo.ws.protocol.EventType;
import java.util.Objects;

/** Subscribe to an event type: {@code {"type":"addEvent","data":{"eventType":..}}}. */
public record AddEvent(EventType eventType) implements ClientMessage {
    public AddEvent {
        Objects.requireNonNull(eventType, "eventType");
    }

    @Override
    public String type() {
        return MessageTypes.ADD_EVENT;
    }
}
