package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.server.Readiness;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code GET /api/ready} (OPS-2): 200 {@code {"status":"ready"}} while the node can serve, 503
 * {@code AP5} naming why while it cannot. Unlike {@code /api/health} it asks Redis in cluster mode,
 * so it costs one round trip: probe it every few seconds, not per request.
 */
@Path("/api/ready")
public final class ReadinessResource {
    private final Readiness readiness;
    private final JsonResponses responses;

    ReadinessResource(Readiness readiness, JsonResponses responses) {
        this.readiness = readiness;
        this.responses = responses;
    }

    @GET
    public Response ready() {
        Optional<String> blocker = readiness.blocker();
        if (blocker.isPresent()) {
            throw ApiException.of(ApiError.AP5, ApiError.AP5.message() + ": " + blocker.get());
        }
        return responses.tree(Response.Status.OK, responses.object().put("status", "ready"));
    }
}
