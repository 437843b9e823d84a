package dev.neuroinfo.ws.server.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Answers an {@link ApiException} with its status and JSON error body. */
final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    private final JsonResponses responses;

    ApiExceptionMapper(JsonResponses responses) {
        this.responses = responses;
    }

    @Override
    public Response toResponse(ApiException exception) {
        Response.ResponseBuilder answer = responses.errorBuilder(exception.error(), exception.getMessage());
        if (exception.retryAfterSeconds() > 0) {
            answer.header(ApiHeaders.RETRY_AFTER, exception.retryAfterSeconds());
        }
        return answer.build();
    }
}
