package dev.neuroinfo.ws.protocol.message;

import dev.neuroinfo.ws.protocol.EventType;
import java.util.Objects;

/** Unsubscribe from an event type: {@code {"type":"removeEvent","data":{"eventType":..}}}. */
public record RemoveEvent(EventType eventType) implements ClientMessage {
    public RemoveEvent {
        Objects.requireNonNull(eventType, "eventType");
    }

    @Override
    public String type() {
        return MessageTypes.REMOVE_EVENT;
    }
}
