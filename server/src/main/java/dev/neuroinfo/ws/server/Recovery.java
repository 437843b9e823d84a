package dev.neuroinfo.ws.server;

import dev.neuroinfo.ws.server.events.EventHistory;
import dev.neuroinfo.ws.server.limits.RateLimiter;
import java.util.Objects;

/**
 * The recovery extension's seams, present when it is on (docs/protocol.md, REC).
 *
 * @param history     the latest state and the bounded history
 * @param rateLimiter the per-token limit of its endpoints, as the ticket endpoint's (REC-8)
 */
public record Recovery(EventHistory history, RateLimiter rateLimiter) {
    public Recovery {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
    }
}
