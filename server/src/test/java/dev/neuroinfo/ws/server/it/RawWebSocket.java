package dev.neuroinfo.ws.server.it;

import dev.neuroinfo.ws.wire.AcceptKey;
import dev.neuroinfo.ws.wire.HandshakeRequest;
import dev.neuroinfo.ws.wire.HttpReader;
import dev.neuroinfo.ws.wire.RawClient;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server tests' view of the wire library's {@link RawClient}, for tests that must see or shape
 * the exact bytes: the body of a refused handshake, unanswered pings, oversize frames, an abrupt
 * reset. It adds what these tests share: a handshake from a header map, and waiting for a text
 * or for the close.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = dev.neuroinfo.ws.wire.Frame.TEXT;
    static final int BINARY = dev.neuroinfo.ws.wire.Frame.BINARY;
    public static final int CLOSE = dev.neuroinfo.ws.wire.Frame.CLOSE;
    static final int PING = dev.neuroinfo.ws.wire.Frame.PING;
    static final int PONG = dev.neuroinfo.ws.wire.Frame.PONG;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    // The server's own inbound limit is far below this; a frame this big from it is a bug anyway.
    private static final long MAX_FRAME = Integer.MAX_VALUE - 8;

    /** An HTTP response to the handshake. */
    public record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One frame from the server. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code, or 1005 ("no status received") when the frame carries none. */
        public int closeCode() {
            return dev.neuroinfo.ws.wire.Frame.closeCode(payload).orElse(1005);
        }
    }

    private final RawClient client;
    private final Response response;

    private RawWebSocket(RawClient client, Response response) {
        this.client = client;
        this.response = response;
    }

    /** Sends a well-formed upgrade request with extra headers and reads the response head (and body). */
    public static RawWebSocket open(int port, String target, Map<String, String> extraHeaders) throws IOException {
        return open(port, target, extraHeaders, 0);
    }

    /**
     * As {@link #open(int, String, Map)}, with a small socket receive buffer (bytes; 0 for the
     * default) so that a client that does not read makes the server's writes wait soon.
     */
    public static RawWebSocket open(int port, String target, Map<String, String> extraHeaders, int receiveBuffer)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1:" + port);
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", AcceptKey.newKey());
        headers.put("Sec-WebSocket-Version", "13");
        headers.putAll(extraHeaders);
        headers.values().removeIf(v -> v == null);
        return request(port, "GET", target, headers, receiveBuffer);
    }

    /** Sends an arbitrary request and reads the response. */
    static RawWebSocket request(int port, String method, String target, Map<String, String> headers)
            throws IOException {
        return request(port, method, target, headers, 0);
    }

    private static RawWebSocket request(int port, String method, String target, Map<String, String> headers,
            int receiveBuffer) throws IOException {
        HandshakeRequest request = HandshakeRequest.plain(target).method(method);
        headers.forEach(request::header);
        RawClient client = RawClient.open(URI.create("ws://127.0.0.1:" + port), READ_TIMEOUT, receiveBuffer);
        HttpReader.Head head = client.handshake(request, null);
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        head.headers().forEach((name, values) -> responseHeaders.put(name, values.get(values.size() - 1)));
        String body = "";
        if (head.status() != 101 && head.first("content-length") != null) {
            body = new String(client.readBody(head), StandardCharsets.UTF_8);
        }
        return new RawWebSocket(client, new Response(head.status(), responseHeaders, body));
    }

    public Response response() {
        return response;
    }

    /** Writes bytes as they are: a hand-made frame header, say. */
    public void sendRaw(byte[] bytes) throws IOException {
        client.sendRaw(bytes);
    }

    public void sendText(String text) throws IOException {
        sendFrame(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
        client.send(fin, opcode, payload);
    }

    /** The next frame, or null when none arrives in time. Pings are answered only if asked. */
    public Frame readFrame(Duration timeout) throws IOException {
        dev.neuroinfo.ws.wire.Frame frame = client.read(timeout, MAX_FRAME);
        return frame == null ? null : new Frame(frame.opcode(), frame.payload());
    }

    /** Reads frames until a text frame arrives, answering pings on the way. */
    public String nextText(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Frame frame = readFrame(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (frame == null) {
                return null;
            }
            if (frame.opcode() == PING) {
                sendFrame(PONG, frame.payload(), true);
            } else if (frame.opcode() == TEXT) {
                return frame.text();
            } else if (frame.opcode() == CLOSE) {
                throw new EOFException("closed by server with " + frame.closeCode());
            }
        }
        return null;
    }

    /** Reads until the server's close frame; its code, or -1 when the socket ended without one. */
    int awaitClose(Duration timeout, boolean answerPings) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Frame frame = readFrame(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
                if (frame == null) {
                    return -2;
                }
                if (frame.opcode() == CLOSE) {
                    return frame.closeCode();
                }
                if (frame.opcode() == PING && answerPings) {
                    sendFrame(PONG, frame.payload(), true);
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return -1;
        }
        return -2;
    }

    /** Drops the TCP connection with a reset, no close handshake. */
    void reset() throws IOException {
        client.socket().setSoLinger(true, 0);
        client.close();
    }

    InputStream input() {
        return client.input();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
