package dev.neuroinfo.ws.protocol;

/**
 * Every close the server starts, with its code and the reason text sent in the close frame
 * (docs/protocol.md's close-code table, KA-5..KA-7). The texts are informative; clients act on
 * the code.
 */
public enum CloseReasons {
    /** A connection silent past the idle timeout (KA-4, KA-5). */
    IDLE_TIMEOUT(CloseCodes.GOING_AWAY, "Idle timeout"),
    /**
     * A write to the connection failed: its transport is gone, whether or not the container noticed
     * (LIM-5). The client rarely sees this frame.
     */
    CONNECTION_LOST(CloseCodes.GOING_AWAY, "Connection lost"),
    /**
     * The container opened the connection only after its handshake's slot had been given back,
     * because the open did not follow the 101 in time (LIM-5).
     */
    OPENED_TOO_LATE(CloseCodes.GOING_AWAY, "Handshake took too long"),
    /** The server stopping (KA-7). */
    SERVER_SHUTDOWN(CloseCodes.GOING_AWAY, "Server shutting down"),
    /** The connection's token was revoked (ADM-6). */
    TOKEN_REVOKED(CloseCodes.POLICY_VIOLATION, "Token revoked"),
    /** A client that read too slowly and fell behind its outbound queue (LIM-9). */
    SLOW_CONSUMER(CloseCodes.POLICY_VIOLATION, "Slow consumer"),
    /** In-band auth not done before its deadline (IBA-8). */
    AUTHENTICATION_TIMEOUT(CloseCodes.POLICY_VIOLATION, "Authentication timeout"),
    /** In-band auth with a user already at the connection limit (IBA-9, LIM-1). */
    CONNECTION_LIMIT(CloseCodes.POLICY_VIOLATION, "Connection limit reached"),
    /** An upgrade the handshake gate did not admit reached the endpoint; it should never happen. */
    NOT_ADMITTED(CloseCodes.POLICY_VIOLATION, "Not admitted"),
    /**
     * A client message over {@link Limits#MAX_CLIENT_MESSAGE_BYTES} (KA-6), judged from its frame
     * header where the server can.
     */
    MESSAGE_TOO_BIG(CloseCodes.MESSAGE_TOO_BIG, "Message too big"),
    /** A client frame without a mask, or another framing error (KA-8, RFC 6455 5.1). */
    PROTOCOL_ERROR(CloseCodes.PROTOCOL_ERROR, "Protocol error"),
    /** More client messages than the inbound rate allows (LIM-10). */
    MESSAGE_RATE(CloseCodes.POLICY_VIOLATION, "Message rate limit exceeded"),
    /** More pings than the inbound rate allows (pings are counted as messages are, apart). */
    PING_RATE(CloseCodes.POLICY_VIOLATION, "Too many pings"),
    /**
     * More pongs and message fragments before the last than the inbound rate allows (they are
     * counted as messages are, together and apart from messages and pings).
     */
    FRAME_RATE(CloseCodes.POLICY_VIOLATION, "Too many frames"),
    /** The token could not be confirmed live right after the upgrade (ADM-6). */
    AUTHENTICATION_ERROR(CloseCodes.INTERNAL_ERROR, HandshakeError.AUTHENTICATION_ERROR.body());

    private final int code;
    private final String text;

    CloseReasons(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The close code (RFC 6455 section 7.4.1). */
    public int code() {
        return code;
    }

    /** The reason text of the close frame. */
    public String text() {
        return text;
    }
}
