package dev.neuroinfo.ws.server.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Headers every answer of the HTTP API carries, errors from exception mappers included:
 * {@code Cache-Control: no-store} everywhere (tickets and tokens are credentials, and nothing here
 * is worth caching), and open CORS outside {@code /api/admin/} (TK-10; the admin API is not for
 * web pages, ADM-1).
 */
final class ResponseHeadersFilter implements ContainerResponseFilter {
    private static final String ADMIN_PREFIX = "api/admin";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Cache-Control", "no-store");
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (!path.startsWith(ADMIN_PREFIX)) {
            headers.putSingle("Access-Control-Allow-Origin", "*");
            headers.putSingle("Access-Control-Allow-Methods", "GET, OPTIONS");
            headers.putSingle("Access-Control-Allow-Headers", "Authorization");
            headers.putSingle("Access-Control-Expose-Headers", "Retry-After");
        }
    }
}
