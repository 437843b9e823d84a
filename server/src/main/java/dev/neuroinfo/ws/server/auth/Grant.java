package dev.neuroinfo.ws.server.auth;

import java.util.Objects;

/**
 * An authenticated right to connect: whose it is and whether it is limited. Comes from a token
 * presented at the handshake, a redeemed ticket, or an in-band auth message.
 */
public record Grant(String tokenId, String user, boolean unlimited) {
    public Grant {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(user, "user");
    }

    /** The grant a token record gives. */
    public static Grant of(TokenRecord token) {
        return new Grant(token.id(), token.user(), token.unlimited());
    }
}
