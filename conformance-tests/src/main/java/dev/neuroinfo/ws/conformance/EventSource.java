package dev.neuroinfo.ws.conformance;

import dev.neuroinfo.ws.protocol.EventType;
import java.util.OptionalLong;

/** How the suite makes the server publish an event: the admin API or an operator's command. */
interface EventSource {
    /**
     * Publishes one event.
     *
     * @return the server's accepted timestamp when the source learns it (the admin API does)
     * @throws CaseFailure when the server refuses; other exceptions when the source fails
     */
    OptionalLong publish(EventType type, String eventDataJson, CaseContext context) throws Exception;
}
