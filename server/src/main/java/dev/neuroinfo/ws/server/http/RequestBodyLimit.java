package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.protocol.ApiError;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
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
 * it. That is the client's doing and anyone can do it at will, so it is answered 400 {@code AP2}
 * (which on Grizzly nobody receives: the connection is closed by then) with one debug line, and
 * not left to the last-resort mapper, which logs a stack trace per request as for a fault of ours.
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
        if (!hasEntity(request)) {
            return;
        }
        byte[] body = readAtMost(request, maxBytes + 1);
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    /**
     * Whether a body follows. Jersey reads its first byte to tell, so a connection closed before any
     * byte of an announced body fails the question as {@link #readAtMost} fails a read, the
     * {@link IOException} wrapped in a {@link ProcessingException}.
     */
    private static boolean hasEntity(ContainerRequestContext request) {
        try {
            return request.hasEntity();
        } catch (ProcessingException e) {
            if (e.getCause() instanceof IOException cause) {
                throw notReceivedWhole(request, cause);
            }
            throw e;
        } catch (CancelledKeyException e) {
            throw notReceivedWhole(request, e);
        }
    }

    /**
     * The body's first bytes, up to {@code n}. A connection closed under the read fails it with an
     * {@link IOException} (end of stream, reset) or, when the close races the container's wait for
     * more bytes, with a {@link CancelledKeyException}; neither says anything about the server.
     */
    private static byte[] readAtMost(ContainerRequestContext request, int n) {
        try {
            return request.getEntityStream().readNBytes(n);
        } catch (IOException | CancelledKeyException e) {
            throw notReceivedWhole(request, e);
        }
    }

    private static ApiException notReceivedWhole(ContainerRequestContext request, Exception e) {
        // the exception's class only: its message is the container's, and says no more
        LOG.log(System.Logger.Level.DEBUG, "request body not received whole ({0}): {1} {2}",
                e.getClass().getSimpleName(), request.getMethod(), request.getUriInfo().getPath());
        return ApiException.of(ApiError.AP2, ApiError.AP2.message() + ": the body did not arrive whole");
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
