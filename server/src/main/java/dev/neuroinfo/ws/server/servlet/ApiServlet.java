package dev.neuroinfo.ws.server.servlet;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jersey's servlet serving the HTTP API, at the end of every request's chain. Every container runs
 * its WebSocket upgrade (a filter, mapped before or after the application's own filters) before
 * the servlet, so an admitted handshake that reaches this servlet was not upgraded. It must not
 * fall through to the API, whose JSON 404 would answer it: the response is left to
 * {@link HandshakeFilter}, which answers 500 {@code Upgrade failed} (HS-12).
 */
final class ApiServlet extends ServletContainer {
    private static final long serialVersionUID = 1L;

    ApiServlet(ResourceConfig application) {
        super(application);
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        if (request.getAttribute(HandshakeFilter.ADMITTED) == null) {
            super.service(request, response);
        }
    }
}
