package dev.neuroinfo.ws.server.ws;

import java.util.Objects;
import java.util.function.Function;

/**
 * What the handshake gate needs to know of an HTTP request, whatever container received it.
 *
 * @param method the HTTP method
 * @param protocol the request line's HTTP version, e.g. {@code HTTP/1.1}
 * @param path   the request path below the application's context path, without query string
 * @param query  the raw query string, or null
 * @param header looks a header up by name (case-insensitive), null when absent
 * @param peer   the TCP peer's IP address, or null when the container does not tell
 */
public record HandshakeRequestView(String method, String protocol, String path, String query,
        Function<String, String> header, String peer) {
    public HandshakeRequestView {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(header, "header");
    }
}
