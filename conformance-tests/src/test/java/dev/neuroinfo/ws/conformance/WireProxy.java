package dev.neuroinfo.ws.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A TCP proxy in front of a WebSocket port that rewrites bytes on their way, so that a test can
 * give a correct server a wire fault: a refused handshake's response can be rewritten, and the
 * payload of each complete text frame a client sends. Everything else passes unchanged, byte for
 * byte, and each side's end of stream or reset reaches the other side.
 */
final class WireProxy implements AutoCloseable {
    /** What the proxy changes. */
    interface Rewrite {
        /**
         * A handshake refusal (any status but 101) as the client will see it.
         *
         * @param head the status line and header lines, without the blank line
         * @param body the body, as long as its Content-Length
         * @return the whole response to send instead
         */
        default byte[] refusal(String head, byte[] body) {
            return concat((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), body);
        }

        /** The unmasked payload of a complete text frame from the client, as the server will see it. */
        default byte[] clientText(byte[] payload) {
            return payload;
        }
    }

    private final ServerSocket listener;
    private final Rewrite rewrite;
    private volatile InetSocketAddress target;

    private WireProxy(ServerSocket listener, Rewrite rewrite) {
        this.listener = listener;
        this.rewrite = rewrite;
    }

    /** Listens on a free port of 127.0.0.1; connections are accepted once a target is set. */
    static WireProxy listen(Rewrite rewrite) throws IOException {
        WireProxy proxy = new WireProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), rewrite);
        daemon("wire-proxy-accept", proxy::acceptLoop).start();
        return proxy;
    }

    /** The proxy's address with a path, for clients. */
    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + path);
    }

    /** Where connections go. */
    void forwardTo(URI server) {
        target = new InetSocketAddress(server.getHost(), server.getPort());
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(target);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                AtomicInteger open = new AtomicInteger(2);
                daemon("wire-proxy-up", () -> pump(client, server, open, this::upstream)).start();
                daemon("wire-proxy-down", () -> pump(server, client, open, this::downstream)).start();
            } catch (IOException e) {
                // listener closed, or the server refused one connection: the client sees its socket closed
            }
        }
    }

    /** Copies one direction; on an error both sockets close, so that both peers notice. */
    private static void pump(Socket from, Socket to, AtomicInteger open, Direction direction) {
        try {
            direction.copy(new BufferedInputStream(from.getInputStream()), to.getOutputStream());
            to.shutdownOutput();
            if (open.decrementAndGet() > 0) {
                return;
            }
        } catch (IOException e) {
            // a reset on either side: pass it on by closing both
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private interface Direction {
        void copy(InputStream in, OutputStream out) throws IOException;
    }

    private void upstream(InputStream in, OutputStream out) throws IOException {
        byte[] head = readHead(in);
        out.write(head);
        out.flush();
        if (head.length == 0 || !endsHead(head)) {
            return;
        }
        while (true) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            forwardFrame(first, in, out);
        }
    }

    /** One client frame: masked, so its payload is unmasked, maybe rewritten, and masked again with its key. */
    private void forwardFrame(int first, InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(first);
        int second = readByte(in, header);
        long length = second & 0x7F;
        int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extended > 0) {
            length = 0;
            for (int i = 0; i < extended; i++) {
                length = (length << 8) | readByte(in, header);
            }
        }
        boolean masked = (second & 0x80) != 0;
        byte[] key = new byte[masked ? 4 : 0];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) readByte(in, header);
        }
        boolean finalText = (first & 0x8F) == 0x81;
        if (!finalText || !masked || length > Integer.MAX_VALUE) {
            out.write(header.toByteArray());
            copy(in, out, length);
            out.flush();
            return;
        }
        byte[] payload = in.readNBytes((int) length);
        byte[] plain = xor(payload, key);
        byte[] changed = rewrite.clientText(plain);
        if (payload.length < length || Arrays.equals(plain, changed)) {
            out.write(header.toByteArray());
            out.write(payload);
        } else {
            out.write(frameHeader(first, changed.length, key));
            out.write(xor(changed, key));
        }
        out.flush();
    }

    private void downstream(InputStream in, OutputStream out) throws IOException {
        byte[] head = readHead(in);
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (!endsHead(head) || text.startsWith("HTTP/1.1 101")) {
            out.write(head);
        } else {
            String headLines = text.substring(0, text.length() - 4);
            out.write(rewrite.refusal(headLines, in.readNBytes(contentLength(headLines))));
        }
        out.flush();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    /** Bytes up to and including the blank line ending an HTTP head, or up to end of stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            if (endsHead(head.toByteArray())) {
                break;
            }
        }
        return head.toByteArray();
    }

    private static boolean endsHead(byte[] bytes) {
        int n = bytes.length;
        return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return 0;
    }

    /** A head with one header's value replaced (the header must be there). */
    static String withHeader(String head, String name, String value) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            boolean match = line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":");
            out.append(out.length() == 0 ? "" : "\r\n").append(match ? name + ": " + value : line);
        }
        return out.toString();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static int readByte(InputStream in, ByteArrayOutputStream seen) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("end of stream inside a frame header");
        }
        seen.write(b);
        return b;
    }

    private static byte[] frameHeader(int first, int length, byte[] key) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(first);
        if (length < 126) {
            header.write(0x80 | length);
        } else if (length < 65536) {
            header.write(0x80 | 126);
            header.write(length >>> 8);
            header.write(length);
        } else {
            header.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header.write((int) ((long) length >>> shift));
            }
        }
        header.writeBytes(key);
        return header.toByteArray();
    }

    private static byte[] xor(byte[] bytes, byte[] key) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) (bytes[i] ^ key[i % 4]);
        }
        return out;
    }

    /** Copies a number of bytes, or fewer when the stream ends first. */
    private static void copy(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = count; left > 0; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
