package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.ApiUrls;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/ws/ticket} in Jersey: an adapter of {@link TicketEndpoint}, which decides the
 * answer (docs/protocol.md section 2, TK-1..TK-11). CORS and no-store headers come from {@link
 * ResponseHeadersFilter}.
 */
@Path(TicketResource.PATH)
public final class TicketResource {
    /** The endpoint's path, as {@link ApiUrls} states it for clients too. */
    public static final String PATH = ApiUrls.TICKET_PATH;

    private final TicketEndpoint endpoint;
    private final JsonResponses responses;

    TicketResource(TicketEndpoint endpoint, JsonResponses responses) {
        this.endpoint = endpoint;
        this.responses = responses;
    }

    /** Issues a ticket, or answers why not. */
    @GET
    public Response ticket(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TicketEndpoint.Answer answer = endpoint.answer(authorization);
        Response.ResponseBuilder response = responses.json(answer.status(), answer.body());
        answer.headers().forEach(header -> response.header(header.getKey(), header.getValue()));
        return response.build();
    }

    /** The CORS preflight: no authentication, no body. */
    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }
}
