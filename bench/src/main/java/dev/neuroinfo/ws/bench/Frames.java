package dev.neuroinfo.ws.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of RFC 6455, as little as the generator needs: the opening handshake request,
 * masked client frames, and reading the header of unmasked server frames.
 */
final class Frames {
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private Frames() {
    }

    /**
     * The opening handshake.
     *
     * @param authorization the full {@code Authorization} header value, or null for none
     */
    static byte[] handshake(String host, int port, String pathAndQuery, String authorization) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        StringBuilder request = new StringBuilder(256)
                .append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A complete, masked client frame (clients must mask, RFC 6455 section 5.3). */
    static byte[] masked(int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
        byte[] frame = new byte[header + 4 + length];
        frame[0] = (byte) (0x80 | opcode);
        if (length < 126) {
            frame[1] = (byte) (0x80 | length);
        } else if (length < 65536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        int key = ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < 4; i++) {
            frame[header + i] = (byte) (key >>> (24 - 8 * i));
        }
        for (int i = 0; i < length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ frame[header + (i & 3)]);
        }
        return frame;
    }

    static byte[] maskedText(String text) {
        return masked(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame with status 1000. */
    static byte[] maskedClose() {
        return masked(CLOSE, new byte[] {0x03, (byte) 0xE8});
    }

    /**
     * The header of the frame starting at {@code buffer.position()}, or null while it is not
     * complete. Does not move the position.
     */
    static Header header(ByteBuffer buffer) {
        int start = buffer.position();
        int available = buffer.remaining();
        if (available < 2) {
            return null;
        }
        int b0 = buffer.get(start) & 0xFF;
        int b1 = buffer.get(start + 1) & 0xFF;
        long length = b1 & 0x7F;
        int size = 2;
        if (length == 126) {
            if (available < 4) {
                return null;
            }
            length = ((buffer.get(start + 2) & 0xFF) << 8) | (buffer.get(start + 3) & 0xFF);
            size = 4;
        } else if (length == 127) {
            if (available < 10) {
                return null;
            }
            length = buffer.getLong(start + 2);
            size = 10;
        }
        boolean masked = (b1 & 0x80) != 0;
        if (masked) {
            size += 4;
        }
        return new Header((b0 & 0x80) != 0, b0 & 0x0F, size, length, masked);
    }

    /** A frame header: where its payload starts (relative to the frame) and how long it is. */
    record Header(boolean fin, int opcode, int size, long payloadLength, boolean masked) {
        long frameLength() {
            return size + payloadLength;
        }
    }

    /** The end of the HTTP response head (index after CRLFCRLF) in bytes [from, to), or -1. */
    static int headEnd(ByteBuffer buffer, int from, int to) {
        for (int i = Math.max(from, 3); i < to; i++) {
            if (buffer.get(i) == '\n' && buffer.get(i - 1) == '\r' && buffer.get(i - 2) == '\n' && buffer.get(i - 3) == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Whether an HTTP response head starting at {@code from} is a 101. */
    static boolean isSwitchingProtocols(ByteBuffer buffer, int from) {
        return buffer.get(from + 9) == '1' && buffer.get(from + 10) == '0' && buffer.get(from + 11) == '1';
    }
}
