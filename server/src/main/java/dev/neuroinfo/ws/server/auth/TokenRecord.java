package dev.neuroinfo.ws.server.auth;

import java.util.Objects;

/**
 * What the server knows about a token; never the token itself.
 *
 * @param id        public identifier, safe to show and log
 * @param user      the owner; connection limits count per user
 * @param kind      API or admin
 * @param unlimited exempt from the per-user connection limit
 * @param createdAt creation time, epoch milliseconds
 */
public record TokenRecord(String id, String user, TokenKind kind, boolean unlimited, long createdAt) {
    public TokenRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
    }
}
