package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Gives Jersey's own errors the API's error shape where the catalogue has one: no matching
 * resource is 404 {@code AP3}, a server error 500 {@code AP1}. Other client errors (405, 406,
 * 415) keep Jersey's answer, whose headers (e.g. {@code Allow}) tell the client what would work.
 */
final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private static final System.Logger LOG = System.getLogger(WebApplicationExceptionMapper.class.getName());

    private final JsonResponses responses;

    WebApplicationExceptionMapper(JsonResponses responses) {
        this.responses = responses;
    }

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        if (status == ApiError.AP3.status()) {
            return responses.error(ApiError.AP3);
        }
        if (status >= 500) {
            LOG.log(System.Logger.Level.ERROR, "request failed", exception);
            return responses.error(ApiError.AP1);
        }
        return exception.getResponse();
    }
}
