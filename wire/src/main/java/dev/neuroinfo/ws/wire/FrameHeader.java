package dev.neuroinfo.ws.wire;

import java.nio.ByteBuffer;

/**
 * A frame header (RFC 6455 5.2) read from a buffer without consuming it, for non-blocking readers
 * that wait until a whole frame has arrived.
 *
 * @param fin           whether this is the final fragment of a message
 * @param opcode        the frame's opcode
 * @param size          the header's length in bytes, masking key included
 * @param payloadLength the declared payload length
 * @param masked        whether a masking key follows the length
 */
public record FrameHeader(boolean fin, int opcode, int size, long payloadLength, boolean masked) {
    /** Header and payload together. */
    public long frameLength() {
        return size + payloadLength;
    }

    /**
     * The header of the frame starting at {@code buffer.position()}, or null while it is not
     * complete. Does not move the position.
     */
    public static FrameHeader peek(ByteBuffer buffer) {
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
        return new FrameHeader((b0 & 0x80) != 0, b0 & 0x0F, size, length, masked);
    }
}
