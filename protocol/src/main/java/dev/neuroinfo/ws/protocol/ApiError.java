package dev.neuroinfo.ws.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * Errors of the HTTP API, answered as {@code {"error":{"code":..,"message":..}}}. AU1, AU2 and
 * RL4 are the API's documented errors; the others are ours.
 */
public enum ApiError {
    AU1("AU1", 401, "Missing or invalid authorization header"),
    AU2("AU2", 401, "Invalid or expired API token"),
    RL4("RL4", 429, "Rate limit exceeded: Maximum " + Limits.TICKET_REQUESTS_PER_MINUTE
            + " requests per minute"),
    AP1("AP1", 500, "Internal server error"),
    /** A request body that is not JSON or does not fit its schema; the message names the member. */
    AP2("AP2", 400, "Invalid request body"),
    AP3("AP3", 404, "Not found"),
    /** A request body over the server's limit; the message names the limit. */
    AP4("AP4", 413, "Request body too large"),
    /** The node cannot serve now (shutting down, or its Redis unreachable); the message says which. */
    AP5("AP5", 503, "Not ready");

    private final String code;
    private final int status;
    private final String message;

    ApiError(String code, int status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    /** The error code, e.g. {@code AU1}. */
    public String code() {
        return code;
    }

    /** The HTTP status code that carries this error. */
    public int status() {
        return status;
    }

    /** The exact message text. */
    public String message() {
        return message;
    }

    /** Looks an error up by its code. */
    public static Optional<ApiError> fromCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst();
    }
}
