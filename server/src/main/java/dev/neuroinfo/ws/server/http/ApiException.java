package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.ApiError;

/**
 * Ends a request with one of the catalogue's errors; {@link ApiExceptionMapper} turns it into the
 * JSON answer. Carries no stack trace: it is an answer, not a failure to investigate.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ApiError error;
    private final long retryAfterSeconds;

    private ApiException(ApiError error, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The error with its catalogue message. */
    static ApiException of(ApiError error) {
        return new ApiException(error, error.message(), 0);
    }

    /** The error with a more precise message (AP2 names the offending member). */
    static ApiException of(ApiError error, String message) {
        return new ApiException(error, message, 0);
    }

    /** RL4 with the seconds after which a request will be accepted. */
    static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(ApiError.RL4, ApiError.RL4.message(), retryAfterSeconds);
    }

    ApiError error() {
        return error;
    }

    /** Seconds for {@code Retry-After}, or 0 for none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
