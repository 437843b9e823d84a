package dev.neuroinfo.ws.server.auth;

import java.util.Objects;

/**
 * A token just created: the only moment its secret exists outside the holder's hands.
 * {@code toString} hides the secret.
 */
public record IssuedToken(TokenRecord record, String secret) {
    public IssuedToken {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedToken[" + record + ", secret=***]";
    }
}
