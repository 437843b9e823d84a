package dev.neuroinfo.ws.server.servlet;

import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.server.net.ClientAddress;
import dev.neuroinfo.ws.server.ws.Admission;
import dev.neuroinfo.ws.server.ws.GateDecision;
import dev.neuroinfo.ws.server.ws.HandshakeErrorResponse;
import dev.neuroinfo.ws.server.ws.HandshakeGate;
import dev.neuroinfo.ws.server.ws.HandshakeRequestView;
import dev.neuroinfo.ws.server.ws.WebSocketCore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Puts the handshake gate in front of the container's own WebSocket upgrade, mapped to every path
 * of the application. It decides requests for {@code /api/ws} and WebSocket upgrades on any other
 * path (404 there, as on the embedded WebSocket port); everything else goes on to the HTTP API.
 *
 * <p>A refusal is written here with the catalogue's exact plain text. An admitted handshake goes
 * on to the container's upgrade with the admission's key in {@code X-NeuroInfo-Admission}. If no
 * upgrade happens, the admission is dropped and its slot released here, and the client gets 500
 * {@code Upgrade failed}; after an upgrade the endpoint's close releases the slot, or {@link WebSocketCore}
 * does if the connection never opens.
 */
public final class HandshakeFilter extends HttpFilter {
    /** Request attribute marking an admitted handshake, for {@link ApiServlet}. */
    static final String ADMITTED = HandshakeFilter.class.getName() + ".admitted";

    private final transient WebSocketCore webSocket;

    /** A filter asking the WebSocket core's gate. */
    public HandshakeFilter(WebSocketCore webSocket) {
        this.webSocket = webSocket;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = pathOf(request);
        if (!HandshakeGate.PATH.equals(path) && !isWebSocketUpgrade(request)) {
            // the HTTP API logs admin actions with the client's address (Jersey sees request attributes)
            request.setAttribute(ClientAddress.PEER_ATTRIBUTE, request.getRemoteAddr());
            chain.doFilter(request, response);
            return;
        }
        HandshakeRequestView view = new HandshakeRequestView(request.getMethod(), request.getProtocol(), path,
                request.getQueryString(), request::getHeader, request.getRemoteAddr());
        GateDecision decision = webSocket.gate().decide(view);
        if (decision instanceof GateDecision.Rejected rejected) {
            refuse(response, rejected.error());
            return;
        }
        Admission admission = ((GateDecision.Admitted) decision).admission();
        String key = webSocket.handoff().store(admission);
        boolean upgraded = false;
        try {
            request.setAttribute(ADMITTED, Boolean.TRUE);
            UpgradeResponse upgradeResponse = new UpgradeResponse(response);
            chain.doFilter(new AdmittedRequest(request, key), upgradeResponse);
            upgraded = upgradeResponse.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS;
        } finally {
            if (upgraded) {
                webSocket.awaitOpen(admission);
            } else {
                webSocket.handoff().discard(key);
                admission.release();
            }
        }
        if (!upgraded && !response.isCommitted()) {
            webSocket.gate().refused(HandshakeError.UPGRADE_FAILED, null, request.getRemoteAddr());
            response.reset();
            refuse(response, HandshakeError.UPGRADE_FAILED);
        }
    }

    /** The path below the context path: what the gate and the container's endpoint mapping compare. */
    private static String pathOf(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }

    private static boolean isWebSocketUpgrade(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && "websocket".equalsIgnoreCase(upgrade.trim());
    }

    /** The neutral layer's refusal copied onto the container's response. */
    private static void refuse(HttpServletResponse response, HandshakeError error) throws IOException {
        HandshakeErrorResponse rendered = HandshakeErrorResponse.of(error);
        response.setStatus(rendered.status());
        response.setContentType(rendered.contentType());
        rendered.headers().forEach(response::setHeader);
        response.setContentLength(rendered.body().length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(rendered.body());
        }
    }
}
