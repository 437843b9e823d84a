package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.protocol.HandshakeError;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Grizzly's HTTP codec for the WebSocket port, whose own answer to a request it cannot parse (no
 * {@code Host} on HTTP/1.1, two differing Content-Lengths, a malformed header line) is the
 * protocol's plain-text 400 {@code Bad Request} (HS-4, HS-13) instead of an empty one. Such a
 * request never reaches the handshake gate, so this is the only place that can answer it.
 * A header line without a colon is also refused here: Grizzly's parser reads on through the line
 * end looking for the colon, so such a request was held unanswered until the handshake deadline.
 * Other statuses the codec decides itself (505 for an unknown HTTP version) keep its answer.
 */
final class PlainErrorsHttpCodec extends HttpServerFilter {
    /** Grizzly's default when the listener leaves the header size unset (-1). */
    private static final int DEFAULT_MAX_HEADER_SIZE = 8192;

    /**
     * The codec {@code built} as the listener built it, with the same settings. Like Grizzly's own,
     * it has no keep-alive idle timer: the listener turns idling off anyway (an upgraded connection
     * lives by the protocol's keepalive) and the handshake deadline is {@link AcceptGuard}'s.
     */
    PlainErrorsHttpCodec(NetworkListener listener, HttpServerFilter built) {
        super(listener.isChunkingEnabled(),
                listener.getMaxHttpHeaderSize() == -1 ? DEFAULT_MAX_HEADER_SIZE : listener.getMaxHttpHeaderSize(),
                null, listener.getKeepAlive(), null, listener.getMaxRequestHeaders(),
                listener.getMaxResponseHeaders());
        setAllowPayloadForUndefinedHttpMethods(built.isAllowPayloadForUndefinedHttpMethods());
        setMaxPayloadRemainderToSkip(built.getMaxPayloadRemainderToSkip());
        for (ContentEncoding encoding : built.getContentEncodings()) {
            addContentEncoding(encoding);
        }
        getMonitoringConfig().addProbes(built.getMonitoringConfig().getProbes());
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
        if (response.getStatus() != HttpStatus.BAD_REQUEST_400.getStatusCode()) {
            return super.customizeErrorResponse(response);
        }
        return GrizzlyRefusal.of(response, HandshakeError.BAD_REQUEST, MemoryManager.DEFAULT_MEMORY_MANAGER);
    }

    @Override
    protected boolean parseHeaderName(HttpHeader header, MimeHeaders headers, HeaderParsingState state,
            byte[] input, int end) {
        boolean parsed = super.parseHeaderName(header, headers, state, input, end);
        if (!parsed && containsLineEnd(input, state.arrayOffset + state.start, state.arrayOffset + state.offset)) {
            throw headerLineWithoutColon();
        }
        return parsed;
    }

    @Override
    protected boolean parseHeaderName(HttpHeader header, MimeHeaders headers, HeaderParsingState state, Buffer input) {
        boolean parsed = super.parseHeaderName(header, headers, state, input);
        if (!parsed) {
            for (int i = state.start; i < state.offset; i++) {
                if (isLineEnd(input.get(i))) {
                    throw headerLineWithoutColon();
                }
            }
        }
        return parsed;
    }

    private static boolean containsLineEnd(byte[] input, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isLineEnd(input[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLineEnd(byte b) {
        return b == '\r' || b == '\n';
    }

    /** The codec answers a header it cannot parse with 400 and closes (RFC 9112 section 5.1). */
    private static IllegalStateException headerLineWithoutColon() {
        return new IllegalStateException("a header line without a colon");
    }
}
