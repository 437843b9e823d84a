package dev.neuroinfo.ws.server.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/health}: a credential-free liveness probe (GEN-6). */
@Path("/api/health")
public final class HealthResource {
    private final JsonResponses responses;

    HealthResource(JsonResponses responses) {
        this.responses = responses;
    }

    /** Always {@code {"status":"ok"}} while the HTTP API answers. */
    @GET
    public Response health() {
        return responses.tree(Response.Status.OK, responses.object().put("status", "ok"));
    }
}
