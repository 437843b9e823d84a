package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.protocol.message.Event;

/**
 * Gives each event its place in the history as the {@link Broadcaster} sends it, in the one
 * order every connection sees.
 */
@FunctionalInterface
public interface EventJournal {
    /** Leaves events as they are: no ids (the extension is off), or ids given elsewhere (a cluster). */
    EventJournal NONE = event -> event;

    /**
     * Records an event and answers it with its id.
     *
     * @throws IllegalStateException when it cannot be recorded; it must then not be sent
     */
    Event record(Event event);
}
