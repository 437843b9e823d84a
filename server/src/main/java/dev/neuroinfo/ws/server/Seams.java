package dev.neuroinfo.ws.server;

import dev.neuroinfo.ws.server.auth.TicketStore;
import dev.neuroinfo.ws.server.auth.TokenStore;
import dev.neuroinfo.ws.server.events.Broadcaster;
import dev.neuroinfo.ws.server.events.EventPublisher;
import dev.neuroinfo.ws.server.limits.ConnectionSlots;
import dev.neuroinfo.ws.server.limits.RateLimiter;

/**
 * The five places where the server keeps or shares state, from one source: the data directory and
 * memory when it runs alone, one Redis when it is a node of a cluster. {@link ServerAssembly}
 * chooses them from the configuration; an {@link Override} may then wrap or replace any of them,
 * as an embedding application or a test double does.
 *
 * @param tokens            tokens and their revocation
 * @param tickets           one-time tickets
 * @param slots             per-user connection slots
 * @param ticketRateLimiter the ticket endpoint's rate limit
 * @param publisher         where accepted events go on their way to subscribers
 */
public record Seams(TokenStore tokens, TicketStore tickets, ConnectionSlots slots, RateLimiter ticketRateLimiter,
        EventPublisher publisher) {

    /** These seams with another ticket store. */
    public Seams withTickets(TicketStore replacement) {
        return new Seams(tokens, replacement, slots, ticketRateLimiter, publisher);
    }

    /** These seams with another event publisher. */
    public Seams withPublisher(EventPublisher replacement) {
        return new Seams(tokens, tickets, slots, ticketRateLimiter, replacement);
    }

    /** Changes the seams a server chose from its configuration, before anything uses them. */
    @FunctionalInterface
    public interface Override {
        /** Keeps the seams the configuration chose. */
        Override NONE = (chosen, broadcaster) -> chosen;

        /**
         * @param chosen      the seams the configuration chose
         * @param broadcaster this node's fan-out to its subscribers, for a publisher that replaces the chosen one
         * @return the seams the server uses
         */
        Seams apply(Seams chosen, Broadcaster broadcaster);
    }
}
