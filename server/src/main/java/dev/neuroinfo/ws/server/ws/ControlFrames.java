package dev.neuroinfo.ws.server.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The server's control frames (RFC 6455 section 5.5), unmasked, for containers with a {@link FrameChannel}. */
public final class ControlFrames {
    /** The largest payload a control frame may carry. */
    public static final int MAX_PAYLOAD = 125;
    private static final int FIN = 0x80;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    private ControlFrames() {
    }

    /** A ping with an empty payload. */
    public static ByteBuffer ping() {
        return frame(PING, new byte[0]);
    }

    /** The pong answering a ping with this payload (at most {@value #MAX_PAYLOAD} bytes). */
    public static ByteBuffer pong(byte[] payload) {
        return frame(PONG, payload);
    }

    /** A close frame; the reason is cut to fit a control frame. */
    public static ByteBuffer close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, MAX_PAYLOAD - 2);
        ByteBuffer payload = ByteBuffer.allocate(2 + length).putShort((short) code).put(text, 0, length);
        return frame(CLOSE, payload.array());
    }

    private static ByteBuffer frame(int opcode, byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("control frame payload over " + MAX_PAYLOAD + " bytes");
        }
        return ByteBuffer.allocate(2 + payload.length).put((byte) (FIN | opcode)).put((byte) payload.length)
                .put(payload).flip();
    }
}
