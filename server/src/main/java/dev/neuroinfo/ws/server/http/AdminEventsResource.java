package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.server.SharedServices;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenRecord;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/admin/events} (ADM-2, ADM-3): publishes a validated event and answers 202 with
 * the timestamp subscribers will see. The body is read as text whatever its declared content
 * type, so a publisher forgetting {@code Content-Type} still gets a useful answer.
 */
@Path("/api/admin/events")
public final class AdminEventsResource {
    private static final System.Logger LOG = System.getLogger(AdminEventsResource.class.getName());

    private final SharedServices services;
    private final Credentials credentials;
    private final EventBodyValidator validator;
    private final JsonResponses responses;

    AdminEventsResource(SharedServices services, EventBodyValidator validator, JsonResponses responses) {
        this.services = services;
        this.credentials = new Credentials(services.tokens());
        this.validator = validator;
        this.responses = responses;
    }

    /** Validates and publishes one event. */
    @POST
    public Response publish(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body,
            @Context ContainerRequestContext request) {
        TokenRecord admin = credentials.require(authorization, TokenKind.ADMIN);
        EventBodyValidator.ValidEvent event = validator.validate(body);
        long timestamp = services.publisher().publish(event.type(), event.payload());
        services.metrics().published(event.type());
        LOG.log(System.Logger.Level.INFO, "published {0} (timestamp {1}) by admin {2} ({3}) from {4}",
                event.type().wireName(), Long.toString(timestamp), admin.user(), admin.id(),
                RequestOrigin.of(request, services.config().trustedProxies()));
        return responses.data(Response.Status.ACCEPTED, responses.object()
                .put("eventType", event.type().wireName())
                .put("timestamp", timestamp));
    }
}
