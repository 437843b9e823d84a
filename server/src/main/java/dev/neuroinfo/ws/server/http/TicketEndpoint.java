package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.TicketResponse;
import dev.neuroinfo.ws.server.SharedServices;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenRecord;
import java.util.List;
import java.util.Map;

/**
 * Every decision of {@code GET /api/ws/ticket} (docs/protocol.md section 2, TK-1..TK-11), free of
 * any container: authentication (AU1, AU2), the rate limit (RL4, LIM-8), issuing, the answer's
 * status, body and headers. Checks run in the order AU1, AU2, RL4 (TK-4..TK-7), so requests
 * without a valid token are charged to no one.
 *
 * <p>Two thin adapters serve it, as {@code HandshakeGate} is served on the WebSocket side:
 * {@link TicketResource} in Jersey (the WAR, and every request the embedded server does not answer
 * directly) and the embedded server's own Grizzly handler for a plain {@code GET}, which skips
 * Jersey's per-request machinery on the churn path (docs/performance.md).
 */
public final class TicketEndpoint {
    private final SharedServices services;
    private final Credentials credentials;
    private final int expiresIn;
    private final String usage;

    /** The endpoint over the given services' token and ticket stores and ticket rate limiter. */
    public TicketEndpoint(SharedServices services) {
        this.services = services;
        this.credentials = new Credentials(services.tokens());
        this.expiresIn = (int) services.config().ticketTtl().toSeconds();
        this.usage = TicketResponse.usageFor(services.config().webSocketUrl());
    }

    /**
     * The answer to a ticket request.
     *
     * @param authorization the request's {@code Authorization} header, may be {@code null}
     */
    public Answer answer(String authorization) {
        TokenRecord token;
        try {
            token = credentials.require(authorization, TokenKind.API);
        } catch (ApiException refused) {
            return refusal(refused.error(), refused.getMessage(), 0);
        }
        long retryAfter = services.ticketRateLimiter().tryAcquire(token.id());
        if (retryAfter > 0) {
            services.metrics().ticketRateLimited();
            return refusal(ApiError.RL4, ApiError.RL4.message(), retryAfter);
        }
        String ticket;
        try {
            ticket = services.tickets().issue(Grant.of(token), services.config().ticketTtl());
        } catch (StoreException e) {
            ApiException failure = Credentials.storeFailure(e);
            return refusal(failure.error(), failure.getMessage(), 0);
        }
        services.metrics().ticketIssued();
        return new Answer(200, services.codec().encodeTicketResponse(new TicketResponse(ticket, expiresIn, usage)), 0);
    }

    /**
     * Whether answering never waits for a network or another node: the token store, the ticket
     * store and the rate limiter all answer from this process's memory (a single node's). The
     * embedded server answers on its selector threads only then.
     */
    public boolean answersFromMemory() {
        return services.tokens().answersFromMemory() && services.tickets().answersFromMemory()
                && services.ticketRateLimiter().answersFromMemory();
    }

    private Answer refusal(ApiError error, String message, long retryAfterSeconds) {
        return new Answer(error.status(), services.codec().encodeApiError(error, message), retryAfterSeconds);
    }

    /**
     * One answer: a JSON body ({@code application/json}) with its status, and the seconds for
     * {@code Retry-After} on RL4 (0 for none). The headers every API answer carries come from
     * {@link ApiHeaders}.
     */
    public record Answer(int status, String body, long retryAfterSeconds) {
        /** The answer's own headers, in the order they are sent: {@code Retry-After} when set. */
        public List<Map.Entry<String, String>> headers() {
            return retryAfterSeconds > 0 ? List.of(Map.entry(ApiHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)))
                    : List.of();
        }
    }
}
