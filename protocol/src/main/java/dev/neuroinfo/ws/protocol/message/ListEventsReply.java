package dev.neuroinfo.ws.protocol.message;

import dev.neuroinfo.ws.protocol.EventType;
import java.util.HashSet;
import java.util.List;

/**
 * Reply to {@link ListEventsRequest}.
 *
 * @param subscribedEvents what this connection is subscribed to, in the documented order, each once
 * @param availableEvents  every event type, in the documented order ({@link EventType#documentedOrder()})
 */
public record ListEventsReply(List<EventType> subscribedEvents, List<EventType> availableEvents)
        implements ServerMessage {
    public ListEventsReply {
        subscribedEvents = List.copyOf(subscribedEvents);
        availableEvents = List.copyOf(availableEvents);
        if (new HashSet<>(subscribedEvents).size() != subscribedEvents.size()) {
            throw new IllegalArgumentException("subscribedEvents must not repeat a type (SES-10): " + subscribedEvents);
        }
        if (!availableEvents.equals(EventType.documentedOrder())) {
            throw new IllegalArgumentException(
                    "availableEvents must be the nine types in documented order (SES-9, SES-10): " + availableEvents);
        }
    }

    @Override
    public String type() {
        return MessageTypes.LIST_EVENTS;
    }
}
