package dev.neuroinfo.ws.server.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client over a bare socket, for tests that must see or shape the exact bytes: the
 * body of a refused handshake, unanswered pings, oversize frames, an abrupt reset.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 1;
    static final int BINARY = 2;
    public static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 10;

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

        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Response response;

    private RawWebSocket(Socket socket, DataInputStream in, OutputStream out, Response response) {
        this.socket = socket;
        this.in = in;
        this.out = out;
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
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        headers.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key));
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
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            responseHeaders.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String body = "";
        String length = responseHeaders.get("content-length");
        if (status != 101 && length != null) {
            byte[] bytes = new byte[Integer.parseInt(length)];
            in.readFully(bytes);
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        return new RawWebSocket(socket, in, out, new Response(status, responseHeaders, body));
    }

    public Response response() {
        return response;
    }

    /** Writes bytes as they are: a hand-made frame header, say. */
    public void sendRaw(byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    public void sendText(String text) throws IOException {
        sendFrame(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        synchronized (out) {
            out.write(frame.toByteArray());
            out.flush();
        }
    }

    /** The next frame, or null when none arrives in time. Pings are answered only if asked. */
    public Frame readFrame(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame(first & 0x0f, payload);
        } catch (SocketTimeoutException e) {
            return null;
        }
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
        socket.setSoLinger(true, 0);
        socket.close();
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in the response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
