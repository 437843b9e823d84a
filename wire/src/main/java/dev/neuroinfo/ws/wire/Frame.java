package dev.neuroinfo.ws.wire;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * One RFC 6455 frame as it crossed the wire (payload already unmasked).
 *
 * @param fin     whether this is the final fragment of a message
 * @param opcode  the frame's opcode, one of the constants below or any other 4-bit value
 * @param payload the payload bytes
 */
public record Frame(boolean fin, int opcode, byte[] payload) {
    /** Frame opcodes (RFC 6455 5.2). */
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** The payload decoded as UTF-8 (malformed bytes replaced). */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** A close frame's status code, empty when the payload carries none (RFC 6455 5.5.1). */
    public OptionalInt closeCode() {
        return closeCode(payload);
    }

    /** A close frame's reason: the UTF-8 text after the status code, empty when there is none. */
    public String closeReason() {
        return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    /** The status code at the start of a close payload, empty when it is shorter than two bytes. */
    public static OptionalInt closeCode(byte[] closePayload) {
        return closePayload.length < 2 ? OptionalInt.empty()
                : OptionalInt.of(((closePayload[0] & 0xFF) << 8) | (closePayload[1] & 0xFF));
    }

    /** A close payload carrying only {@code code}. */
    public static byte[] closePayload(int code) {
        return new byte[] {(byte) (code >> 8), (byte) code};
    }
}
