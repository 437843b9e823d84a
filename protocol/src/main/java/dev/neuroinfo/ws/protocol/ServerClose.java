package dev.neuroinfo.ws.protocol;

/**
 * The ways the server ends a connection on its own account: close code and reason text. Reasons
 * are for humans and not normative (docs/protocol.md section 7); the codes are.
 */
public enum ServerClose {
    /** KA-7: the server is stopping. */
    SHUTDOWN(CloseCodes.GOING_AWAY, "Server shutting down"),
    /** KA-6: a client message over {@link Limits#MAX_CLIENT_MESSAGE_BYTES}, judged from its frame header when possible. */
    MESSAGE_TOO_BIG(CloseCodes.MESSAGE_TOO_BIG, "Message too big"),
    /** RFC 6455 5.1: a client frame without a mask, or another framing error. */
    PROTOCOL_ERROR(CloseCodes.PROTOCOL_ERROR, "Protocol error"),
    /** LIM-9: the connection's outbound budget is spent; the client does not read fast enough. */
    SLOW_CONSUMER(CloseCodes.POLICY_VIOLATION, "Slow consumer"),
    /** LIM-10: more client messages than the inbound rate limit allows. */
    MESSAGE_RATE(CloseCodes.POLICY_VIOLATION, "Message rate limit exceeded"),
    /** More pings than the inbound rate limit allows (pings are counted as messages are). */
    PING_RATE(CloseCodes.POLICY_VIOLATION, "Too many pings");

    private final int code;
    private final String reason;

    ServerClose(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** The close code (RFC 6455 section 7.4). */
    public int code() {
        return code;
    }

    /** The close reason text. */
    public String reason() {
        return reason;
    }
}
