package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.protocol.InvalidReason;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * A connection attempt failed. Says what refused it (handshake, ticket endpoint, in-band auth),
 * with the HTTP status and the server's own text or error code, or the network cause.
 *
 * <p>Unchecked, so that it can be thrown as it is where a future's failure is read:
 * {@link NeuroInfoClient#connectAndWait()} throws it directly, and the stage of
 * {@link NeuroInfoClient#connect()} fails with it (not with a {@code CompletionException} around
 * it), so {@code exceptionally} and {@code whenComplete} receive it as it is.
 */
public final class NeuroInfoConnectException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String BACK_SOON = "; it served this client before: a server being restarted or redeployed,"
            + " or a proxy whose backend is away, answers 404 for a while";

    /** What went wrong. */
    public enum Kind {
        /** The WebSocket handshake was answered with an HTTP error; {@link #serverText()} is its body. */
        HANDSHAKE_REFUSED,
        /** The ticket endpoint answered an error; {@link #errorCode()} is its code (AU1, AU2, RL4, ...). */
        TICKET_REFUSED,
        /** In-band authentication was refused; {@link #errorCode()} is the {@code invalid} reason. */
        AUTH_REFUSED,
        /** The server could not be reached or the connection broke during the attempt. */
        NETWORK,
        /** No {@code welcome} within the connect timeout. */
        TIMEOUT,
        /** The server said something this client cannot follow. */
        PROTOCOL,
        /** The client was closed. */
        CLOSED
    }

    private final Kind kind;
    private final int status;
    private final String serverText;
    private final String errorCode;

    private NeuroInfoConnectException(Kind kind, int status, String serverText, String errorCode, String message,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.serverText = serverText;
        this.errorCode = errorCode;
    }

    /**
     * The handshake's HTTP error. A 404 from a URL whose handshake succeeded before says so: a
     * server on its way back, not a wrong path.
     *
     * @param servedBefore whether a handshake at this URL succeeded before
     */
    static NeuroInfoConnectException handshakeRefused(int status, String body, boolean servedBefore) {
        String note = status == 404 && servedBefore ? BACK_SOON : "";
        return new NeuroInfoConnectException(Kind.HANDSHAKE_REFUSED, status, body, null,
                "WebSocket handshake refused: " + status + " " + body + note, null);
    }

    /**
     * A 404 says its most likely reason: on a ticket endpoint never reached before, the HTTP API is
     * not at the WebSocket URL's origin; on one that issued a ticket before, the server is on its
     * way back, and the setup hint would mislead.
     *
     * @param servedBefore whether this endpoint issued a ticket to this client before
     */
    static NeuroInfoConnectException ticketRefused(URI ticketUrl, int status, String code, String message,
            boolean servedBefore) {
        String shown = code == null ? message : code + " " + message;
        String note = status != 404 ? "" : servedBefore ? BACK_SOON
                : "; no ticket endpoint there: a server whose HTTP API has its own port (the embedded launcher)"
                        + " needs httpBaseUrl (CLI: --http)";
        return new NeuroInfoConnectException(Kind.TICKET_REFUSED, status, message, code,
                "ticket request to " + ticketUrl + " refused: " + status + " " + shown + note, null);
    }

    static NeuroInfoConnectException authRefused(InvalidReason reason, String message) {
        return new NeuroInfoConnectException(Kind.AUTH_REFUSED, 0, message, reason.wireValue(),
                "in-band authentication refused: " + reason.wireValue() + " " + message, null);
    }

    /** {@code message} says what happened in words, e.g. {@code ... failed: connection refused by h:8081}. */
    static NeuroInfoConnectException network(String message, Throwable cause) {
        return new NeuroInfoConnectException(Kind.NETWORK, 0, null, null, message, cause);
    }

    static NeuroInfoConnectException timeout(String what) {
        return new NeuroInfoConnectException(Kind.TIMEOUT, 0, null, null, what, null);
    }

    static NeuroInfoConnectException protocol(String what) {
        return new NeuroInfoConnectException(Kind.PROTOCOL, 0, null, null, what, null);
    }

    static NeuroInfoConnectException closed() {
        return new NeuroInfoConnectException(Kind.CLOSED, 0, null, null, "the client is closed", null);
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the refusal, or 0 when there was no HTTP answer. */
    public int status() {
        return status;
    }

    /**
     * The server's text: the handshake's plain-text body (e.g. {@code Invalid or expired token}),
     * the ticket endpoint's {@code error.message}, or the {@code invalid} message of in-band auth.
     */
    public Optional<String> serverText() {
        return Optional.ofNullable(serverText);
    }

    /** The ticket endpoint's error code (e.g. {@code AU2}) or the in-band auth reason. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The catalogued handshake error this refusal is, when status and text match one exactly. */
    public Optional<HandshakeError> handshakeError() {
        if (kind != Kind.HANDSHAKE_REFUSED) {
            return Optional.empty();
        }
        return Arrays.stream(HandshakeError.values())
                .filter(e -> e.status() == status && e.body().equals(serverText))
                .findFirst();
    }

    /** The catalogued ticket endpoint error, when the code is one of ours. */
    public Optional<ApiError> apiError() {
        return kind == Kind.TICKET_REFUSED ? ApiError.fromCode(errorCode) : Optional.empty();
    }

    /**
     * Whether the credential was refused: retrying with the same token cannot help. A refused
     * one-time ticket is not: the ticket endpoint accepted the token moments before, and the
     * ticket was lost on the way (a server restarted between the two requests, or a node that does
     * not share the ticket store); the next attempt fetches a new one, and a token that is really
     * revoked is then refused by the ticket endpoint.
     */
    public boolean isAuthenticationFailure() {
        if (kind == Kind.AUTH_REFUSED) {
            return !InvalidReason.AUTH_ERROR.wireValue().equals(errorCode);
        }
        return (kind == Kind.HANDSHAKE_REFUSED || kind == Kind.TICKET_REFUSED) && status == 401 && !isLostTicket();
    }

    /** Whether the ticket endpoint or the handshake answered 404: nothing is served at that URL now. */
    boolean isNotFound() {
        return (kind == Kind.HANDSHAKE_REFUSED || kind == Kind.TICKET_REFUSED) && status == 404;
    }

    private boolean isLostTicket() {
        return handshakeError().filter(error -> error == HandshakeError.INVALID_TICKET).isPresent();
    }

    /**
     * Whether waiting and trying again may succeed: network failures, timeouts, 408, 429, 5xx and
     * a refused ticket (see {@link #isAuthenticationFailure()}). Other refusals (401 bad token, 404
     * wrong URL, 400, 426) would fail the same way again.
     *
     * <p>This judges the failure alone. The client's reconnection also retries a 404 (see
     * {@link ConnectionListener#reconnectFailed}): once a session was held at the same URLs, a 404
     * is a server on its way back, not a wrong URL.
     */
    public boolean isRetryable() {
        return switch (kind) {
            case NETWORK, TIMEOUT, PROTOCOL -> true;
            case HANDSHAKE_REFUSED, TICKET_REFUSED -> status == 408 || status == 429 || status >= 500 || isLostTicket();
            case AUTH_REFUSED -> !isAuthenticationFailure();
            case CLOSED -> false;
        };
    }
}
