package dev.neuroinfo.ws.protocol;

/** The WebSocket close codes this API uses (RFC 6455 section 7.4.1) and why. */
public final class CloseCodes {
    /** Idle timeout and server shutdown. */
    public static final int GOING_AWAY = 1001;
    /** A frame that breaks RFC 6455, such as an unmasked client frame. */
    public static final int PROTOCOL_ERROR = 1002;
    /** A text message that is not UTF-8 (MSG-17). */
    public static final int INVALID_PAYLOAD = 1007;
    /** Token revoked, in-band auth timeout, slow consumer, inbound rate limit. */
    public static final int POLICY_VIOLATION = 1008;
    /** A client message over {@link Limits#MAX_CLIENT_MESSAGE_BYTES}. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** An unexpected server failure. */
    public static final int INTERNAL_ERROR = 1011;

    private CloseCodes() {
    }
}
