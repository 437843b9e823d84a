package dev.neuroinfo.ws.protocol.message;

import java.util.Objects;

/**
 * In-band authentication (an opt-in server mode): {@code {"type":"auth","data":{"token":..}}}.
 * The record's {@code toString} hides the token so that it cannot reach a log by accident.
 */
public record Auth(String token) implements ClientMessage {
    public Auth {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty()) {
            // An empty token is no token: the codec reads it as missingToken, so it cannot be sent.
            throw new IllegalArgumentException("token must not be empty");
        }
    }

    @Override
    public String type() {
        return MessageTypes.AUTH;
    }

    @Override
    public String toString() {
        return "Auth[token=***]";
    }
}
