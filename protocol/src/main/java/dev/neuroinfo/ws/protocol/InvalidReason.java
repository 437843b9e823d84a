package dev.neuroinfo.ws.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why the server answered a client message with {@code invalid}. The wire value is normative;
 * the default message is human text that servers may word differently.
 */
public enum InvalidReason {
    MALFORMED("malformed", "Could not parse message."),
    UNAUTHENTICATED("unauthenticated", "Authenticate first: send an auth message with your token."),
    MISSING_EVENTTYPE("missingEventtype", "The message needs data.eventType."),
    INVALID_EVENTTYPE("invalidEventtype", "Unknown event type."),
    MISSING_TOKEN("missingToken", "The auth message needs data.token."),
    INVALID_TOKEN("invalidToken", "Invalid or expired token."),
    AUTH_ERROR("authError", "Authentication error.");

    private final String wireValue;
    private final String defaultMessage;

    InvalidReason(String wireValue, String defaultMessage) {
        this.wireValue = wireValue;
        this.defaultMessage = defaultMessage;
    }

    /** The value of {@code data.reason} on the wire. */
    public String wireValue() {
        return wireValue;
    }

    /** The human text our server sends with this reason unless it has a more precise one. */
    public String defaultMessage() {
        return defaultMessage;
    }

    /** Looks a reason up by its exact wire value. */
    public static Optional<InvalidReason> fromWireValue(String value) {
        return Arrays.stream(values()).filter(r -> r.wireValue.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
