package dev.neuroinfo.ws.server.ws;

import jakarta.websocket.Session;
import java.util.Map;

/**
 * Tomcat's bounds on the writes it makes the caller wait for, set per session through user
 * properties that other containers ignore.
 *
 * <p>Tomcat blocks in {@code sendPing} and in every close until the socket takes the frame: 20 s
 * by default, and on a client that stopped reading that held the one timer thread which pings and
 * idle-closes every connection. The close frame of any close but 1000 has a bound of its own, 50 ms
 * by default, after which Tomcat drops the connection without it: on a loaded machine the frame of
 * a 1007 (invalid UTF-8, Tomcat's own close) or a 1009 (ours) was often not written in time, and
 * the client saw the connection end without the code the API promises. Both get the same bound.
 */
final class TomcatSendTimeouts {
    private static final String BLOCKING_SEND = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final String CLOSE_SEND = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";
    private static final Long BOUND_MILLIS = 1_000L;
    /** Tomcat's own default for a close frame: long enough for a socket with room, no longer. */
    private static final Long CLOSE_WITHOUT_WAITING_MILLIS = 50L;

    private TomcatSendTimeouts() {
    }

    /** Bounds every blocking write of the session, close frames included, at one second. */
    static void bound(Session session) {
        Map<String, Object> properties = session.getUserProperties();
        properties.put(BLOCKING_SEND, BOUND_MILLIS);
        properties.put(CLOSE_SEND, BOUND_MILLIS);
    }

    /**
     * For a close whose frame cannot get out in time anyway, because a write the client does not
     * read is in flight before it: the caller is not held for the full bound (a slow consumer is
     * closed on a broadcaster lane, whose other connections wait meanwhile).
     */
    static void closeWithoutWaiting(Session session) {
        session.getUserProperties().put(CLOSE_SEND, CLOSE_WITHOUT_WAITING_MILLIS);
    }
}
