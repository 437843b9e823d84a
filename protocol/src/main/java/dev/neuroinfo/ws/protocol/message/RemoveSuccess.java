package dev.neuroinfo.ws.protocol.message;

import dev.neuroinfo.ws.protocol.EventType;
import java.util.Objects;

/** Reply to {@link RemoveEvent}; {@code unsubscribed} is false only when a server refuses. */
public record RemoveSuccess(EventType eventType, boolean unsubscribed) implements ServerMessage {
    public RemoveSuccess {
        Objects.requireNonNull(eventType, "eventType");
    }

    @Override
    public String type() {
        return MessageTypes.REMOVE_SUCCESS;
    }
}
