package dev.neuroinfo.ws.protocol;

/**
 * Every way a WebSocket handshake on {@code /api/ws} can be refused: the HTTP status and the exact
 * plain-text body. The first seven are the API's documented errors; the last two are our
 * decisions for requests that are not valid upgrades at all (see docs/protocol.md).
 */
public enum HandshakeError {
    NOT_FOUND(404, "Not Found"),
    MISSING_AUTHENTICATION(401, "Missing authentication (ticket or token required)"),
    INVALID_TICKET(401, "Invalid or expired ticket"),
    INVALID_TOKEN(401, "Invalid or expired token"),
    CONNECTION_LIMIT(429, "Connection limit reached (max " + Limits.MAX_CONNECTIONS_PER_USER + ")"),
    AUTHENTICATION_ERROR(500, "Authentication error"),
    UPGRADE_FAILED(500, "Upgrade failed"),
    UPGRADE_REQUIRED(426, "Upgrade Required"),
    BAD_REQUEST(400, "Bad Request");

    private final int status;
    private final String body;

    HandshakeError(int status, String body) {
        this.status = status;
        this.body = body;
    }

    /** The HTTP status code of the refusal. */
    public int status() {
        return status;
    }

    /** The exact {@code text/plain} response body. */
    public String body() {
        return body;
    }

    /** Whether the API's documentation lists this error (as opposed to our own decisions). */
    public boolean documented() {
        return this != UPGRADE_REQUIRED && this != BAD_REQUEST;
    }
}
