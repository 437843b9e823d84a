package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.EventType;

/** An event listener threw; passed to {@link ConnectionListener#error} with the listener's exception as cause. */
public final class EventListenerException extends RuntimeException {
    private final transient EventType eventType;

    EventListenerException(EventType eventType, Throwable cause) {
        super("listener for " + eventType + " threw " + cause, cause);
        this.eventType = eventType;
    }

    /** The event type whose listener failed. */
    public EventType eventType() {
        return eventType;
    }
}
