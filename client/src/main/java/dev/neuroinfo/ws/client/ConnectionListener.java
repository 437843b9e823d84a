package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.EventType;
import java.time.Duration;

/**
 * The life of a client's connection, one method per step; implement only what you need. Methods
 * run on the client's callback executor, in the order the steps happen, interleaved with event
 * listeners. An exception thrown here is logged and otherwise ignored.
 */
public interface ConnectionListener {
    /** A session started: the server sent {@code welcome}. Also after every successful reconnect. */
    default void connected(String sessionId) {
    }

    /**
     * The session ended, by the server or the network. Not called for an explicit
     * {@link NeuroInfoClient#close()}.
     *
     * @param code   the WebSocket close code; 1006 when the connection broke without one
     * @param reason the close reason, may be empty
     */
    default void disconnected(int code, String reason) {
    }

    /**
     * Another attempt is scheduled: after a lost session, or after a failed first attempt when
     * {@link NeuroInfoClientBuilder#retryInitialConnect} is on.
     */
    default void reconnecting(int attempt, Duration delay) {
    }

    /**
     * Retrying stopped: the credential was refused (401), the attempt limit was reached, or the
     * failure is not one a retry can fix ({@link NeuroInfoConnectException#isRetryable()} is
     * false). One exception: after a lost session a 404 from the ticket endpoint or the handshake
     * is retried, since the same URL served the session (a WAR being redeployed, a reverse proxy
     * whose backend is away); only a first {@link NeuroInfoClient#connect()} takes it for a wrong
     * URL and stops. {@code cause} is the last attempt's
     * {@link NeuroInfoConnectException}, reported here only (not also to {@link #error}). The
     * client stays usable: {@link NeuroInfoClient#connect()} tries again (after
     * {@link NeuroInfoClient#setToken} if the token was refused).
     */
    default void reconnectFailed(Throwable cause) {
    }

    /**
     * Something went wrong that did not end the session: a listener threw
     * ({@link EventListenerException}), a connection attempt failed and another follows (a
     * {@link NeuroInfoConnectException}; the last one goes to {@link #reconnectFailed} instead), a
     * server frame could not be read, the server refused a request.
     */
    default void error(Throwable error) {
    }

    /** The server confirmed a subscription ({@code addSuccess}). */
    default void subscribed(EventType type) {
    }

    /** The server confirmed an unsubscription ({@code removeSuccess}). */
    default void unsubscribed(EventType type) {
    }

    /**
     * After a reconnect, events may have been missed that the server's history no longer holds
     * (docs/protocol.md, REC-7), or the history could not be asked. Called before the latest
     * event of each subscribed type, newer than the last one handled, is handed to the listeners;
     * live events follow. Never called by a server without the recovery extension.
     */
    default void eventsMissed(EventGap gap) {
    }

    /** Every text message from the server, as received, before it is handled. */
    default void rawMessage(String text) {
    }
}
