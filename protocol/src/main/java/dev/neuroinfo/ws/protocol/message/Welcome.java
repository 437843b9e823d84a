package dev.neuroinfo.ws.protocol.message;

import java.util.Objects;

/** The first message of every connection, naming the session. */
public record Welcome(String sessionId) implements ServerMessage {
    public Welcome {
        Objects.requireNonNull(sessionId, "sessionId");
        if (sessionId.isEmpty()) {
            throw new IllegalArgumentException("sessionId must not be empty (SES-2)");
        }
    }

    @Override
    public String type() {
        return MessageTypes.WELCOME;
    }
}
