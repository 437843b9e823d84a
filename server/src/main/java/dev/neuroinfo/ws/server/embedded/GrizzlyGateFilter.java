package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.ws.AdmissionHandoff;
import dev.neuroinfo.ws.server.ws.GateDecision;
import dev.neuroinfo.ws.server.ws.HandshakeRequestView;
import dev.neuroinfo.ws.server.ws.WebSocketCore;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.grizzly.Buffer;
import java.net.InetSocketAddress;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * Puts the handshake gate in front of Tyrus on the embedded WebSocket port. Tyrus can refuse an
 * upgrade only with a bare status, so refusals are written here, with the exact plain-text body.
 * Admitted connections carry their admission to the endpoint through {@link AdmissionHandoff},
 * and their slot is released when the TCP connection ends, however it ends. Each admitted
 * connection gets its {@link GrizzlyFrameChannel}, with the outbound budget, and its
 * {@link InboundGuard}; its 101, once Tyrus writes it, is held for the welcome ({@link CoalescedUpgrade}).
 */
final class GrizzlyGateFilter extends BaseFilter {
    /** An admitted connection's inbound guard: its reads before the switch to direct reads pass it here. */
    private static final Attribute<InboundGuard> ADMITTED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(GrizzlyGateFilter.class.getName() + ".admitted");

    private final WebSocketCore webSocket;
    private final ServerConfig config;
    private final ScheduledExecutorService timer;

    /** @param timer ends connections whose close frame cannot be written in time */
    GrizzlyGateFilter(WebSocketCore webSocket, ScheduledExecutorService timer) {
        this.webSocket = webSocket;
        this.config = webSocket.services().config();
        this.timer = timer;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        InboundGuard admittedGuard = ADMITTED.get(connection);
        if (admittedGuard != null) {
            return guarded(ctx, admittedGuard);
        }
        HttpContent content = ctx.getMessage();
        HttpRequestPacket request = (HttpRequestPacket) content.getHttpHeader();
        HandshakeRequestView view = new HandshakeRequestView(request.getMethod().getMethodString(),
                request.getProtocolString(), request.getRequestURI(), request.getQueryString(), request::getHeader,
                peerOf(connection));
        GateDecision decision = webSocket.gate().decide(view);
        if (decision instanceof GateDecision.Rejected rejected) {
            // the answer says Connection: close; the connection is not left for the handshake deadline
            ctx.write(errorResponse(ctx, request.getResponse(), rejected.error()),
                    new EmptyCompletionHandler<WriteResult>() {
                        @Override
                        public void completed(WriteResult result) {
                            connection.closeSilently();
                        }

                        @Override
                        public void failed(Throwable failure) {
                            connection.closeSilently();
                        }
                    });
            return ctx.getStopAction();
        }
        GateDecision.Admitted admitted = (GateDecision.Admitted) decision;
        GrizzlyFrameChannel channel = new GrizzlyFrameChannel(connection, config.outboundQueueLimit(), timer,
                CoalescedUpgrade.open(ctx));
        admitted.admission().attachChannel(channel);
        admitted.admission().whenAuthenticated(() -> AcceptGuard.authenticated(connection));
        String key = webSocket.handoff().store(admitted.admission());
        connection.addCloseListener((closeable, type) -> {
            webSocket.handoff().discard(key);
            admitted.admission().release();
        });
        InboundGuard guard = new InboundGuard(connection, admitted.admission(), channel, config.maxMessageBytes(),
                config.inboundMessageBurst(), config.inboundMessagesPerSecond());
        ADMITTED.set(connection, guard);
        request.getHeaders().removeHeader(AdmissionHandoff.HEADER);
        request.setHeader(AdmissionHandoff.HEADER, key);
        UpgradedReadFilter.switchAfter(ctx, request, guard);
        return ctx.getInvokeAction();
    }

    /**
     * WebSocket bytes that reach Tyrus through the HTTP codec: those a client sends between the
     * 101 and the switch to direct reads ({@link UpgradedReadFilter}), which can come first.
     */
    private static NextAction guarded(FilterChainContext ctx, InboundGuard guard) {
        HttpContent content = ctx.getMessage();
        Buffer passed = guard.inspect(content.getContent());
        if (passed == null) {
            return ctx.getStopAction();
        }
        ctx.setMessage(HttpContent.builder(content.getHttpHeader()).content(passed).last(content.isLast()).build());
        return ctx.getInvokeAction();
    }

    /** An admitted handshake that was not upgraded gets the catalogue's upgrade failure (HS-12). */
    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof HttpContent content
                && content.getHttpHeader() instanceof HttpResponsePacket response
                && response.getStatus() == HttpStatus.SWITCHING_PROTOCOLS_101.getStatusCode()) {
            CoalescedUpgrade.switchingProtocols(ctx.getConnection());
            return ctx.getInvokeAction();
        }
        // HS-12: an admitted handshake that was not upgraded gets 500, whatever the layers behind
        // the gate answered in one piece: Tyrus's empty refusal, or the HTTP layer's 404 with a
        // body when Tyrus passed the request on (a second Upgrade header)
        if (ctx.getMessage() instanceof HttpContent content
                && content.getHttpHeader() instanceof HttpResponsePacket response
                && !response.isCommitted()
                && response.getStatus() != HttpStatus.SWITCHING_PROTOCOLS_101.getStatusCode()
                && ADMITTED.get(ctx.getConnection()) != null
                && (content.isLast() || !content.getContent().hasRemaining())) {
            ADMITTED.remove(ctx.getConnection());
            webSocket.gate().refused(HandshakeError.UPGRADE_FAILED, null, peerOf(ctx.getConnection()));
            ctx.setMessage(errorResponse(ctx, response, HandshakeError.UPGRADE_FAILED));
        }
        return ctx.getInvokeAction();
    }

    /** The TCP peer's IP address, or null. */
    static String peerOf(Connection<?> connection) {
        return connection.getPeerAddress() instanceof InetSocketAddress peer && peer.getAddress() != null
                ? peer.getAddress().getHostAddress() : null;
    }

    private static HttpContent errorResponse(FilterChainContext ctx, HttpResponsePacket response, HandshakeError error) {
        return GrizzlyRefusal.of(response, error, ctx.getMemoryManager());
    }
}
