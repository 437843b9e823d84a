package dev.neuroinfo.ws.client;

/**
 * Receives the events of one type. Runs on the client's callback executor; an exception it
 * throws is reported to {@link ConnectionListener#error} as an {@link EventListenerException}
 * and affects no other listener.
 *
 * @param <P> the payload record of the event type
 */
@FunctionalInterface
public interface EventListener<P> {
    /**
     * One event.
     *
     * @param data      the event's data
     * @param timestamp when the server accepted the event, epoch milliseconds
     */
    void onEvent(P data, long timestamp) throws Exception;
}
