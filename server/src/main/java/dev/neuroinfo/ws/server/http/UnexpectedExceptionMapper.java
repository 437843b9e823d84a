package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.ApiError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Anything not answered otherwise becomes 500 {@code AP1}. The exception is logged for the
 * operator; no code path puts a token or ticket into an exception message.
 */
final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final System.Logger LOG = System.getLogger(UnexpectedExceptionMapper.class.getName());

    private final JsonResponses responses;

    UnexpectedExceptionMapper(JsonResponses responses) {
        this.responses = responses;
    }

    @Override
    public Response toResponse(Throwable exception) {
        LOG.log(System.Logger.Level.ERROR, "unexpected failure answering a request", exception);
        return responses.error(ApiError.AP1);
    }
}
