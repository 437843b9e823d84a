package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.CloseCodes;
import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.limits.TokenBucket;
import dev.neuroinfo.ws.server.auth.Grant;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code /api/ws} endpoint, written against the standard Jakarta WebSocket API only so that
 * any container can host it. One instance per connection.
 */
public final class EventEndpoint extends Endpoint {
    private static final System.Logger LOG = System.getLogger(EventEndpoint.class.getName());
    private static final String CONNECTION = EventEndpoint.class.getName() + ".connection";

    private final WebSocketCore webSocket;

    EventEndpoint(WebSocketCore webSocket) {
        this.webSocket = webSocket;
    }

    @Override
    public void onOpen(Session session, EndpointConfig endpointConfig) {
        Admission admission = (Admission) endpointConfig.getUserProperties().get(AdmissionConfigurator.ADMISSION);
        if (admission == null) {
            // only reachable when the container bypassed the gate; refuse rather than serve anonymously
            closeQuietly(session, CloseReasons.NOT_ADMITTED.code(), CloseReasons.NOT_ADMITTED.text());
            return;
        }
        if (!admission.open()) {
            // opened after its deadline: the slot is already given back, so the connection cannot stay
            closeQuietly(session, CloseReasons.OPENED_TOO_LATE.code(), CloseReasons.OPENED_TOO_LATE.text());
            return;
        }
        ServerConfig config = webSocket.services().config();
        int maxBytes = config.maxMessageBytes();
        session.setMaxTextMessageBufferSize(maxBytes + 1);
        session.setMaxBinaryMessageBufferSize(maxBytes + 1);
        // Keepalive is ours (Keepalive): the container's idle timer would be reset by our own pings.
        // Negative, not 0: Tyrus re-arms a timer task after every send for any value >= 0, which
        // the benchmarks measured at about a quarter of the server's CPU per delivery.
        session.setMaxIdleTimeout(-1);
        TomcatSendTimeouts.bound(session);
        // The server's own close ends the connection through this reference, not through the
        // session: a container may refuse every call on a session it has just closed (Tomcat does).
        AtomicReference<ClientConnection> self = new AtomicReference<>();
        ClientConnection connection = new ClientConnection(session, webSocket.newSessionId(), admission,
                config.outboundQueueLimit(), new TokenBucket(config.inboundMessageBurst(), config.inboundMessagesPerSecond()),
                () -> ended(self.get(), null), webSocket.closer());
        self.set(connection);
        admission.opened(connection);
        session.getUserProperties().put(CONNECTION, connection);
        SessionProtocol protocol = new SessionProtocol(new RegisteredPeer(connection, webSocket.registry()),
                webSocket.services(), webSocket.gate(), webSocket.timer());
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            if (!connection.received()) {
                return;
            }
            // a UTF-8 char takes at most 3 bytes per UTF-16 unit, so short texts need no encoding to check
            if (text.length() > maxBytes / 3 && text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                connection.close(CloseReasons.MESSAGE_TOO_BIG);
                return;
            }
            protocol.onText(text);
        });
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes -> {
            if (!connection.received()) {
                return;
            }
            if (bytes.remaining() > maxBytes) {
                connection.close(CloseReasons.MESSAGE_TOO_BIG);
                return;
            }
            protocol.onBinary();
        });
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> connection.touched());
        webSocket.registry().opened(connection);
        webSocket.services().metrics().handshakeUpgraded();
        protocol.start();
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        ended((ClientConnection) session.getUserProperties().get(CONNECTION), closeReason);
    }

    /**
     * Frees the connection's slot, forgets it and records its close, once however it ends: when
     * the container reports the close, or when the server closes it or a write fails first.
     *
     * @param clientReason the close the container reported; null when the server ended it
     */
    private void ended(ClientConnection connection, CloseReason clientReason) {
        if (connection != null && connection.markEnded()) {
            webSocket.registry().closed(connection);
            connection.admission().release();
            recordClose(connection, clientReason);
        }
    }

    /**
     * Counts and logs the close: the server's own code and reason if it closed, else what the client
     * sent (the server sets its reason before it closes, so a null clientReason always has one).
     */
    private void recordClose(ClientConnection connection, CloseReason closeReason) {
        String serverReason = connection.closeReason();
        int code = serverReason != null ? connection.closeCode() : closeReason.getCloseCode().getCode();
        webSocket.services().metrics().connectionClosed(code, serverReason);
        Grant grant = connection.admission().grant();
        ConnectionLog.closed(connection.sessionId(), code, serverReason != null ? serverReason : closeReason.getReasonPhrase(),
                serverReason != null, grant == null ? null : grant.user(), connection.admission().clientAddress());
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.log(Level.DEBUG, "connection error: {0}", error.toString());
    }

    private static void closeQuietly(Session session, int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (java.io.IOException e) {
            LOG.log(Level.DEBUG, "close failed: {0}", e.toString());
        }
    }
}
