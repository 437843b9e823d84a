package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.EventPayload;

/** Accepts events for broadcast to subscribers. */
public interface EventPublisher {
    /**
     * Accepts an event; it is broadcast now, or for {@code streamUpdate} when its throttle
     * window allows (a newer update replaces a pending one).
     *
     * @return the accepted timestamp, epoch milliseconds, which subscribers will see
     */
    long publish(EventType type, EventPayload payload);
}
