package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenRecord;
import dev.neuroinfo.ws.server.auth.TokenStore;

/** Authenticates a request's bearer token of one kind, or ends the request with AU1, AU2 or AP1. */
final class Credentials {
    private static final System.Logger LOG = System.getLogger(Credentials.class.getName());

    private final TokenStore tokens;

    Credentials(TokenStore tokens) {
        this.tokens = tokens;
    }

    /**
     * The record of the presented token.
     *
     * @throws ApiException AU1 for a missing or malformed header, AU2 for an unknown or revoked
     *                      token or one of the other kind, AP1 when the store fails
     */
    TokenRecord require(String authorization, TokenKind kind) {
        String secret = BearerToken.parse(authorization).orElseThrow(() -> ApiException.of(ApiError.AU1));
        try {
            return tokens.verify(secret, kind).orElseThrow(() -> ApiException.of(ApiError.AU2));
        } catch (StoreException e) {
            throw storeFailure(e);
        }
    }

    /** Logs a store failure (its message holds no secret) and turns it into AP1. */
    static ApiException storeFailure(StoreException e) {
        LOG.log(System.Logger.Level.ERROR, "token or ticket store failed", e);
        return ApiException.of(ApiError.AP1);
    }
}
