package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.recovery.RecoveryApi;
import dev.neuroinfo.ws.server.Recovery;
import dev.neuroinfo.ws.server.SharedServices;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenRecord;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The recovery extension's endpoints (docs/protocol.md, REC): {@code GET /api/events/latest}
 * and {@code GET /api/events/history}, for any API token, checked in the order AU1, AU2, RL4 as
 * the ticket endpoint, with a rate-limit budget of their own. Registered only when the extension
 * is on; otherwise both paths are unknown (404 AP3), which is how a client learns it is off.
 */
@Path("/api/events")
public final class EventsResource {
    private final Credentials credentials;
    private final Recovery recovery;
    private final JsonResponses responses;

    EventsResource(SharedServices services, Recovery recovery, JsonResponses responses) {
        this.credentials = new Credentials(services.tokens());
        this.recovery = recovery;
        this.responses = responses;
    }

    /** The last event of each type (REC-4). */
    @GET
    @Path("latest")
    public Response latest(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        admit(authorization);
        return ok(responses.codec().encode(recovery.history().latest()));
    }

    /** The events after a position (REC-6, REC-7). */
    @GET
    @Path("history")
    public Response history(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam(RecoveryApi.EPOCH_PARAM) String epoch, @QueryParam(RecoveryApi.SINCE_PARAM) String since,
            @QueryParam(RecoveryApi.TYPE_PARAM) List<String> eventTypes) {
        admit(authorization);
        if (epoch == null || epoch.isEmpty()) {
            throw invalid(RecoveryApi.EPOCH_PARAM, "required");
        }
        long position = offset(since);
        Set<EventType> types = types(eventTypes);
        return ok(responses.codec().encode(recovery.history().since(epoch, position, types)));
    }

    /**
     * The CORS preflight of the latest state: no authentication, no body. One method per path:
     * a template matching both would lose to the literal paths above, and Jersey would answer the
     * preflight itself (200, a plain-text list of methods).
     */
    @OPTIONS
    @Path("latest")
    public Response latestPreflight() {
        return Response.noContent().build();
    }

    /** The CORS preflight of the history, as {@link #latestPreflight()}. */
    @OPTIONS
    @Path("history")
    public Response historyPreflight() {
        return Response.noContent().build();
    }

    private void admit(String authorization) {
        TokenRecord token = credentials.require(authorization, TokenKind.API);
        long retryAfter = recovery.rateLimiter().tryAcquire(token.id());
        if (retryAfter > 0) {
            throw ApiException.rateLimited(retryAfter);
        }
    }

    private static long offset(String since) {
        if (since == null || since.isEmpty()) {
            throw invalid(RecoveryApi.SINCE_PARAM, "required");
        }
        if (!since.matches("[0-9]{1,18}")) {
            throw invalid(RecoveryApi.SINCE_PARAM, "must be an integer >= 0");
        }
        return Long.parseLong(since);
    }

    private static Set<EventType> types(List<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.allOf(EventType.class);
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String name : names) {
            types.add(EventType.fromWireName(name)
                    .orElseThrow(() -> invalid(RecoveryApi.TYPE_PARAM, "'" + name + "' is not an event type")));
        }
        return types;
    }

    private static ApiException invalid(String parameter, String why) {
        return ApiException.of(ApiError.AP2, "Invalid query parameter " + parameter + ": " + why);
    }

    private Response ok(String body) {
        return responses.json(Response.Status.OK.getStatusCode(), body).build();
    }
}
