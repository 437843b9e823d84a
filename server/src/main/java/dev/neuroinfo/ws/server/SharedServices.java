package dev.neuroinfo.ws.server;

import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.server.auth.TicketStore;
import dev.neuroinfo.ws.server.auth.TokenStore;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.events.EventPublisher;
import dev.neuroinfo.ws.server.limits.ConnectionSlots;
import dev.neuroinfo.ws.server.limits.RateLimiter;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTP resources and the WebSocket side call, whatever container hosts them: the
 * configuration, the codec, the state backends, this node's connections, metrics, readiness and
 * the recovery extension. It owns nothing and has no lifecycle: {@link ServerCore} builds it once
 * and closes what is behind it, and every handler receives this same instance.
 */
public record SharedServices(
        ServerConfig config,
        MessageCodec codec,
        TokenStore tokens,
        TicketStore tickets,
        ConnectionSlots slots,
        RateLimiter ticketRateLimiter,
        EventPublisher publisher,
        ConnectionControl connections,
        ServerMetrics metrics,
        Readiness readiness,
        Optional<Recovery> recovery) {
    /** A services without the recovery extension. */
    public SharedServices(ServerConfig config, MessageCodec codec, TokenStore tokens, TicketStore tickets,
            ConnectionSlots slots, RateLimiter ticketRateLimiter, EventPublisher publisher, ConnectionControl connections,
            ServerMetrics metrics, Readiness readiness) {
        this(config, codec, tokens, tickets, slots, ticketRateLimiter, publisher, connections, metrics, readiness,
                Optional.empty());
    }

    public SharedServices {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(ticketRateLimiter, "ticketRateLimiter");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(recovery, "recovery");
    }
}
