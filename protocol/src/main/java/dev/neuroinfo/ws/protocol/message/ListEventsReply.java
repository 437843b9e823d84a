package dev.neuroinfo.ws.protocol.message;

import dev.neuroinfo.ws.protocol.EventType;
import java.util.List;

/**
 * Reply to {@link ListEventsRequest}.
 *
 * @param subscribedEvents what this connection is subscribed to, in the documented order
 * @param availableEvents  every event the server offers, in the documented order
 */
public record ListEventsReply(List<EventType> subscribedEvents, List<EventType> availableEvents)
        implements ServerMessage {
    public ListEventsReply {
        subscribedEvents = List.copyOf(subscribedEvents);
        availableEvents = List.copyOf(availableEvents);
    }

    @Override
    public String type() {
        return MessageTypes.LIST_EVENTS;
    }
}
