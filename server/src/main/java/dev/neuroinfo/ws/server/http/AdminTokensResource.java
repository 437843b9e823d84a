package dev.neuroinfo.ws.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.server.SharedServices;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenRecord;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Iterator;
import java.util.Set;

/**
 * API token management (ADM-4..ADM-6), behind the admin token (ADM-1). Only API tokens are managed here: admin tokens are neither
 * listed nor revocable through the API, so an operator cannot lock themselves out with one call.
 */
@Path("/api/admin/tokens")
public final class AdminTokensResource {
    /** The reason sent with close code 1008 to connections of a revoked token. */

    private static final System.Logger LOG = System.getLogger(AdminTokensResource.class.getName());
    private static final Set<String> CREATE_MEMBERS = Set.of("user", "unlimited");

    private final SharedServices services;
    private final Credentials credentials;
    private final JsonResponses responses;

    AdminTokensResource(SharedServices services, JsonResponses responses) {
        this.services = services;
        this.credentials = new Credentials(services.tokens());
        this.responses = responses;
    }

    /** Creates an API token; its secret appears in this answer only. */
    @POST
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body,
            @Context ContainerRequestContext request) {
        TokenRecord admin = credentials.require(authorization, TokenKind.ADMIN);
        CreateRequest create = parseCreate(body);
        IssuedToken issued;
        try {
            issued = services.tokens().create(create.user(), TokenKind.API, create.unlimited());
        } catch (StoreException e) {
            throw Credentials.storeFailure(e);
        }
        LOG.log(System.Logger.Level.INFO, "created API token {0} for user {1} by admin {2} ({3}) from {4}",
                issued.record().id(), create.user(), admin.user(), admin.id(), origin(request));
        return responses.data(Response.Status.CREATED, describe(issued.record()).put("token", issued.secret()));
    }

    /** Every API token, without secrets. */
    @GET
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        credentials.require(authorization, TokenKind.ADMIN);
        ArrayNode tokens = responses.object().arrayNode();
        try {
            services.tokens().list().stream()
                    .filter(token -> token.kind() == TokenKind.API)
                    .forEach(token -> tokens.add(describe(token)));
        } catch (StoreException e) {
            throw Credentials.storeFailure(e);
        }
        ObjectNode data = responses.object();
        data.set("tokens", tokens);
        return responses.data(Response.Status.OK, data);
    }

    /** Revokes an API token: it stops working, its tickets die and its connections close with 1008. */
    @DELETE
    @Path("{id}")
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
            @Context ContainerRequestContext request) {
        TokenRecord admin = credentials.require(authorization, TokenKind.ADMIN);
        try {
            boolean isApiToken = services.tokens().list().stream()
                    .anyMatch(token -> token.id().equals(id) && token.kind() == TokenKind.API);
            if (!isApiToken || !services.tokens().revoke(id)) {
                throw ApiException.of(ApiError.AP3);
            }
            services.tickets().revokeAll(id);
        } catch (StoreException e) {
            throw Credentials.storeFailure(e);
        }
        services.connections().closeConnectionsOfToken(id, CloseReasons.TOKEN_REVOKED.code(),
                CloseReasons.TOKEN_REVOKED.text());
        LOG.log(System.Logger.Level.INFO, "revoked API token {0} by admin {1} ({2}) from {3}", id, admin.user(),
                admin.id(), origin(request));
        return Response.noContent().build();
    }

    private String origin(ContainerRequestContext request) {
        return RequestOrigin.of(request, services.config().trustedProxies());
    }

    private ObjectNode describe(TokenRecord token) {
        return responses.object()
                .put("id", token.id())
                .put("user", token.user())
                .put("unlimited", token.unlimited())
                .put("createdAt", token.createdAt());
    }

    /** A validated create body. */
    private record CreateRequest(String user, boolean unlimited) {
    }

    private CreateRequest parseCreate(String body) {
        JsonNode root = responses.codec().parse(body)
                .orElseThrow(() -> ApiException.of(ApiError.AP2, "Invalid request body: not a JSON document"));
        if (!root.isObject()) {
            throw ApiException.of(ApiError.AP2, "Invalid request body: must be a JSON object");
        }
        // Unknown members are refused: a misspelt "unlimited" must not quietly create a limited token.
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CREATE_MEMBERS.contains(name)) {
                throw ApiException.of(ApiError.AP2, "Invalid " + EventBodyValidator.member("", name) + ": unknown member");
            }
        }
        JsonNode user = root.get("user");
        if (user == null || !user.isTextual() || user.textValue().isBlank()) {
            throw ApiException.of(ApiError.AP2, "Invalid /user: must be a non-empty string");
        }
        JsonNode unlimited = root.get("unlimited");
        if (unlimited != null && !unlimited.isBoolean()) {
            throw ApiException.of(ApiError.AP2, "Invalid /unlimited: must be a boolean");
        }
        return new CreateRequest(user.textValue(), unlimited != null && unlimited.booleanValue());
    }
}
