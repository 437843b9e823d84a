package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.protocol.HandshakeError;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Grizzly's HTTP codec for the WebSocket port, whose own answer to a request it cannot parse (no
 * {@code Host} on HTTP/1.1, two differing Content-Lengths, a malformed header line) is the
 * protocol's plain-text 400 {@code Bad Request} (HS-4, HS-13) instead of an empty one. Such a
 * request never reaches the handshake gate, so this is the only place that can answer it.
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
}
