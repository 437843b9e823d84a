package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.ApiError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads at most the configured number of bytes of any request body, before a resource or an
 * entity reader sees it: a larger body is refused with 413 {@code AP4}, announced
 * ({@code Content-Length}) or not (chunked). Resources take their bodies as whole strings, so
 * without this a single request could make the server hold any amount of memory.
 */
@PreMatching
final class RequestBodyLimit implements ContainerRequestFilter {
    private final int maxBytes;

    RequestBodyLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && exceeds(declared.trim())) {
            throw tooLarge();
        }
        if (!request.hasEntity()) {
            return;
        }
        byte[] body = request.getEntityStream().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    /** Whether a declared length is over the limit; a malformed one is the container's to refuse. */
    private boolean exceeds(String declared) {
        if (declared.isEmpty() || !declared.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        // more than 18 digits may not fit a long, and is over any int limit anyway
        return declared.length() > 18 || Long.parseLong(declared) > maxBytes;
    }

    private ApiException tooLarge() {
        return ApiException.of(ApiError.AP4, ApiError.AP4.message() + ": at most " + maxBytes + " bytes");
    }
}
