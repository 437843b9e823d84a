package dev.neuroinfo.ws.server.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;

/** Puts {@link ApiHeaders} on every answer of the Jersey application, errors from exception mappers included. */
final class ResponseHeadersFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        for (Map.Entry<String, String> header : ApiHeaders.forPath(request.getUriInfo().getPath())) {
            headers.putSingle(header.getKey(), header.getValue());
        }
    }
}
