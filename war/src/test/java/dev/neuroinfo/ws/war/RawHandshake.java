package dev.neuroinfo.ws.war;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A WebSocket handshake over a plain socket, so that refusals can be read byte for byte. */
final class RawHandshake {
    /**
     * The answer to a handshake.
     *
     * @param status  the status code
     * @param headers header names lower-cased, the last value of each
     * @param body    the body (for a refusal), read by Content-Length
     */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /**
     * A handshake the gate admits but a container will not upgrade.
     *
     * @param connection the Connection header
     * @param version    the HTTP version
     */
    record NotUpgradable(String connection, String version) {
        /** An ordinary, upgradable handshake. */
        static final NotUpgradable NONE = new NotUpgradable("Upgrade", "HTTP/1.1");
    }

    private RawHandshake() {
    }

    /** Sends an upgrade request for the URI's path and query, with an optional Authorization header. */
    static Answer upgrade(URI ws, String authorization) throws IOException {
        return upgrade(ws, authorization, NotUpgradable.NONE);
    }

    /** As {@link #upgrade(URI, String)}, with the given Connection header and protocol version. */
    static Answer upgrade(URI ws, String authorization, NotUpgradable variant) throws IOException {
        try (Socket socket = new Socket(ws.getHost(), ws.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request(ws, authorization, variant));
            InputStream in = socket.getInputStream();
            String[] head = readHead(in).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
            }
            if (status == 101) {
                return new Answer(status, headers, firstTextFrame(in));
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Answer(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    /**
     * Sends an upgrade request and, if it is upgraded, drops the connection as soon as the 101
     * arrives, with a reset or a plain close.
     *
     * @return whether it was upgraded
     */
    static boolean dropAfterUpgrade(URI ws, String authorization, boolean reset) throws IOException {
        try (Socket socket = new Socket(ws.getHost(), ws.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request(ws, authorization, NotUpgradable.NONE));
            boolean upgraded = readHead(socket.getInputStream()).startsWith("HTTP/1.1 101");
            if (upgraded && reset) {
                socket.setSoLinger(true, 0);
            }
            return upgraded;
        }
    }

    private static byte[] request(URI ws, String authorization, NotUpgradable variant) {
        String target = ws.getRawPath() + (ws.getRawQuery() == null ? "" : "?" + ws.getRawQuery());
        return ("GET " + target + " " + variant.version() + "\r\nHost: " + ws.getHost() + ":" + ws.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: " + variant.connection() + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return new String(bytes, 0, n - 4, StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** The payload of the server's first frame, which must be an unfragmented text frame. */
    private static String firstTextFrame(InputStream in) throws IOException {
        int first = in.read();
        if ((first & 0x0f) != 1) {
            throw new IOException("expected a text frame, got opcode " + (first & 0x0f));
        }
        long length = in.read() & 0x7f;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        } else if (length == 127) {
            throw new IOException("unexpectedly long first frame");
        }
        return new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
    }
}
