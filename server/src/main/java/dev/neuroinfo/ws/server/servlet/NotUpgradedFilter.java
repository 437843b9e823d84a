package dev.neuroinfo.ws.server.servlet;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Mapped after the container's upgrade filter: an admitted handshake that reaches it was not
 * upgraded, and must not fall through to the HTTP API (whose JSON 404 would answer it). Stopping
 * here leaves the response to {@link HandshakeFilter}, which answers 500 {@code Upgrade failed}.
 */
public final class NotUpgradedFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(HandshakeFilter.ADMITTED) == null) {
            chain.doFilter(request, response);
        }
    }
}
