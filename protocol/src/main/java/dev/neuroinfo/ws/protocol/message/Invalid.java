package dev.neuroinfo.ws.protocol.message;

import dev.neuroinfo.ws.protocol.InvalidReason;
import java.util.Objects;

/** The server could not act on a client message; the connection stays open. */
public record Invalid(InvalidReason reason, String message) implements ServerMessage {
    public Invalid {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** An invalid reply with the reason's default text. */
    public static Invalid of(InvalidReason reason) {
        return new Invalid(reason, reason.defaultMessage());
    }

    @Override
    public String type() {
        return MessageTypes.INVALID;
    }
}
