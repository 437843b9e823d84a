package dev.neuroinfo.ws.server;

import dev.neuroinfo.ws.server.auth.TicketStore;
import dev.neuroinfo.ws.server.auth.TokenStore;
import dev.neuroinfo.ws.server.events.Broadcaster;
import dev.neuroinfo.ws.server.events.EventPublisher;
import dev.neuroinfo.ws.server.limits.ConnectionSlots;
import dev.neuroinfo.ws.server.limits.RateLimiter;

/**
 * The five places where the server keeps or shares state, chosen together: the data directory and
 * memory when it runs alone, one Redis when it is a node of a cluster. {@link ServerCore} chooses
 * them from the configuration; an {@link Override} may then wrap or replace any of them, as an
 * embedding application or a test double does. A plain choice: it owns and closes nothing (the
 * core, or the Redis link behind them, does).
 *
 * @param tokens            tokens and their revocation
 * @param tickets           one-time tickets
 * @param slots             per-user connection slots
 * @param ticketRateLimiter the ticket endpoint's rate limit
 * @param publisher         where accepted events go on their way to subscribers
 */
public record StateBackends(TokenStore tokens, TicketStore tickets, ConnectionSlots slots, RateLimiter ticketRateLimiter,
        EventPublisher publisher) {

    /** These backends with another ticket store. */
    public StateBackends withTickets(TicketStore replacement) {
        return new StateBackends(tokens, replacement, slots, ticketRateLimiter, publisher);
    }

    /** These backends with another event publisher. */
    public StateBackends withPublisher(EventPublisher replacement) {
        return new StateBackends(tokens, tickets, slots, ticketRateLimiter, replacement);
    }

    /** Changes the backends a server chose from its configuration, before anything uses them. */
    @FunctionalInterface
    public interface Override {
        /** Keeps the backends the configuration chose. */
        Override NONE = (chosen, broadcaster) -> chosen;

        /**
         * @param chosen      the backends the configuration chose
         * @param broadcaster this node's fan-out to its subscribers, for a publisher that replaces the chosen one
         * @return the backends the server uses
         */
        StateBackends apply(StateBackends chosen, Broadcaster broadcaster);
    }
}
