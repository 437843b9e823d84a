package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.ApiError;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;

/**
 * Reads at most the configured number of bytes of any request body, before a resource or an
 * entity reader sees it: a larger body is refused with 413 {@code AP4}, announced
 * ({@code Content-Length}) or not (chunked). Resources take their bodies as whole strings, so
 * without this a single request could make the server hold any amount of memory.
 *
 * <p>Being the one reader of every body from the connection, it is also where a body that never
 * arrives whole shows: the client closed its connection half-way, or the request deadline closed
 * it. That is the client's doing and anyone can do it at will, so it is answered with a bare 400
 * (which mostly nobody receives: the connection is closed by then) and one debug line, and not
 * left to the last-resort mapper, which logs a stack trace per request as for a fault of ours.
 */
@PreMatching
final class RequestBodyLimit implements ContainerRequestFilter {
    private static final System.Logger LOG = System.getLogger(RequestBodyLimit.class.getName());

    private final int maxBytes;

    RequestBodyLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && exceeds(declared.trim())) {
            throw tooLarge();
        }
        try {
            // Jersey learns whether there is a body by reading its first byte
            if (!request.hasEntity()) {
                return;
            }
            byte[] body = request.getEntityStream().readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge();
            }
            request.setEntityStream(new ByteArrayInputStream(body));
        } catch (IOException | CancelledKeyException e) {
            cutShort(request, e);
        } catch (ProcessingException e) {
            // Jersey's check for a body wraps what the read threw (WildFly's "Stream is closed" after a reset)
            if (!(e.getCause() instanceof IOException || e.getCause() instanceof CancelledKeyException)) {
                throw e;
            }
            cutShort(request, e.getCause());
        }
    }

    /**
     * Answers a body its client cut short with a bare 400 and one debug line. A connection closed
     * under the read fails it with an {@link IOException} (end of stream, reset) or, when the
     * close races the container's wait for more bytes, with a {@link CancelledKeyException};
     * neither says anything about the server. The answer has no body: its client is gone, and a
     * container that has closed the connection (Payara's and GlassFish's Grizzly) fails the write
     * of a body, which Jersey logs at SEVERE with a stack trace, per request.
     */
    private static void cutShort(ContainerRequestContext request, Throwable cause) {
        // the exception's class only: its message is the container's, and says no more
        LOG.log(System.Logger.Level.DEBUG, "request body not received whole ({0}): {1} {2}",
                cause.getClass().getSimpleName(), request.getMethod(), request.getUriInfo().getPath());
        request.abortWith(Response.status(Response.Status.BAD_REQUEST).build());
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
