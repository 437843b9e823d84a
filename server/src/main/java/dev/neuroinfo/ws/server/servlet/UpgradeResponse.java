package dev.neuroinfo.ws.server.servlet;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The response the container's upgrade writes to. A container that cannot upgrade an admitted
 * handshake answers with {@code sendError}, which would render its own error page; here that only
 * sets the status, so that {@link HandshakeFilter} can answer with the catalogue's plain text.
 */
final class UpgradeResponse extends HttpServletResponseWrapper {
    UpgradeResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void sendError(int status) {
        setStatus(status);
    }

    @Override
    public void sendError(int status, String message) {
        setStatus(status);
    }
}
