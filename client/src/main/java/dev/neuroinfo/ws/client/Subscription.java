package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.EventType;

/**
 * One registered listener. Cancelling the last listener of an event type unsubscribes the
 * connection from it. {@link #close()} cancels too, for try-with-resources.
 */
public interface Subscription extends AutoCloseable {
    /** The event type the listener receives. */
    EventType eventType();

    /** Removes the listener; idempotent. */
    void cancel();

    /** Whether the listener is still registered. */
    boolean isActive();

    /** Same as {@link #cancel()}. */
    @Override
    default void close() {
        cancel();
    }
}
