package dev.neuroinfo.ws.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An opening handshake request under the caller's full control: method, request target and every
 * header line, in order. {@link #upgrade(String)} starts from a correct RFC 6455 request that tests
 * then break on purpose.
 */
public final class HandshakeRequest {
    private String method = "GET";
    private String httpVersion = "HTTP/1.1";
    private final String target;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();

    private HandshakeRequest(String target) {
        this.target = target;
    }

    /** A valid upgrade request for {@code target} (path and query) with a fresh random key. */
    public static HandshakeRequest upgrade(String target) {
        return new HandshakeRequest(target)
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", AcceptKey.newKey())
                .header("Sec-WebSocket-Version", "13");
    }

    /** A plain request with no upgrade headers at all. */
    public static HandshakeRequest plain(String target) {
        return new HandshakeRequest(target);
    }

    /** Appends a header line. */
    public HandshakeRequest header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    /** Removes every header of that name and appends one with this value. */
    public HandshakeRequest replace(String name, String value) {
        return without(name).header(name, value);
    }

    /** Removes every header of that name. */
    public HandshakeRequest without(String name) {
        headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
        return this;
    }

    /** Adds {@code Authorization: Bearer <token>}. */
    public HandshakeRequest bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    /** Uses another method than GET. */
    public HandshakeRequest method(String newMethod) {
        this.method = newMethod;
        return this;
    }

    /** Sends another protocol version than HTTP/1.1 on the request line, e.g. {@code HTTP/1.0}. */
    public HandshakeRequest httpVersion(String version) {
        this.httpVersion = version;
        return this;
    }

    /** The request method, GET unless changed. */
    public String method() {
        return method;
    }

    /** The request target, e.g. {@code /api/ws?ticket=...}. */
    public String target() {
        return target;
    }

    /** The header lines in the order they are sent. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The key sent, used to check {@code Sec-WebSocket-Accept}; null if none. */
    public String key() {
        return headers.stream().filter(h -> h.getKey().toLowerCase(Locale.ROOT).equals("sec-websocket-key"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /**
     * The request as it goes on the wire: request line, {@code Host: host} first unless
     * {@code host} is null, then the headers exactly, then the empty line.
     */
    public byte[] toBytes(String host) {
        StringBuilder head = new StringBuilder().append(method).append(' ').append(target).append(' ').append(httpVersion).append("\r\n");
        if (host != null) {
            head.append("Host: ").append(host).append("\r\n");
        }
        headers.forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A printable form of the request line and headers for evidence. */
    public String describe() {
        List<String> shown = new ArrayList<>();
        headers.forEach(h -> shown.add(h.getKey() + ": " + h.getValue()));
        return method + " " + target + " " + shown;
    }
}
