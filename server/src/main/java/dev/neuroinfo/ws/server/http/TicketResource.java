package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.ApiUrls;
import dev.neuroinfo.ws.protocol.TicketResponse;
import dev.neuroinfo.ws.server.SharedServices;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenRecord;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/ws/ticket}: a one-time ticket for the bearer's API token (docs/protocol.md
 * section 2, TK-1..TK-11). Checks run in the order AU1, AU2, RL4 (TK-4..TK-7), so requests
 * without a valid token are charged to no one (LIM-8). CORS and no-store headers come from {@link ResponseHeadersFilter}.
 */
@Path(TicketResource.PATH)
public final class TicketResource {
    /** The endpoint's path, as {@link ApiUrls} states it for clients too. */
    public static final String PATH = ApiUrls.TICKET_PATH;

    private final SharedServices services;
    private final Credentials credentials;
    private final JsonResponses responses;

    TicketResource(SharedServices services, JsonResponses responses) {
        this.services = services;
        this.credentials = new Credentials(services.tokens());
        this.responses = responses;
    }

    /** Issues a ticket. */
    @GET
    public Response ticket(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TokenRecord token = credentials.require(authorization, TokenKind.API);
        long retryAfter = services.ticketRateLimiter().tryAcquire(token.id());
        if (retryAfter > 0) {
            services.metrics().ticketRateLimited();
            throw ApiException.rateLimited(retryAfter);
        }
        String ticket;
        try {
            ticket = services.tickets().issue(Grant.of(token), services.config().ticketTtl());
        } catch (StoreException e) {
            throw Credentials.storeFailure(e);
        }
        services.metrics().ticketIssued();
        TicketResponse body = new TicketResponse(ticket, (int) services.config().ticketTtl().toSeconds(),
                TicketResponse.usageFor(services.config().webSocketUrl()));
        return responses.json(Response.Status.OK.getStatusCode(), responses.codec().encodeTicketResponse(body))
                .build();
    }

    /** The CORS preflight: no authentication, no body. */
    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }
}
