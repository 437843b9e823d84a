package dev.neuroinfo.ws.protocol.message;

import dev.neuroinfo.ws.protocol.EventType;
import java.util.Objects;

/** Reply to {@link AddEvent}; {@code subscribed} is false only when a server refuses. */
public record AddSuccess(EventType eventType, boolean subscribed) implements ServerMessage {
    public AddSuccess {
        Objects.requireNonNull(eventType, "eventType");
    }

    @Override
    public String type() {
        return MessageTypes.ADD_SUCCESS;
    }
}
