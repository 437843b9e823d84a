package dev.neuroinfo.ws.server.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A text message on its way out, and its complete WebSocket frame, encoded at most once however
 * many connections it goes to. A broadcast to 10,000 subscribers would otherwise UTF-8-encode and
 * frame the same text 10,000 times, which the benchmarks measured at about a quarter of the
 * dispatcher's time.
 */
public final class OutboundText {
    private static final int FIN_TEXT = 0x81;
    private static final int MAX_ONE_BYTE_LENGTH = 125;
    private static final int TWO_BYTE_LENGTH = 126;
    private static final int EIGHT_BYTE_LENGTH = 127;

    private final String text;
    private final boolean offHeap;
    private volatile ByteBuffer frame;

    private OutboundText(String text, boolean offHeap) {
        this.text = text;
        this.offHeap = offHeap;
    }

    /** A message for one connection; nothing is encoded until a frame is asked for. */
    public static OutboundText of(String text) {
        return new OutboundText(text, false);
    }

    /**
     * A message broadcast to many connections. Its frame lives outside the heap, so that each of
     * its many socket writes needs no copy into a native buffer; for one write that allocation
     * would cost more than the copy it saves.
     */
    public static OutboundText forBroadcast(String text) {
        return new OutboundText(text, true);
    }

    /** The message. */
    public String text() {
        return text;
    }

    /**
     * The message as one unmasked final text frame (RFC 6455 section 5.2), ready for the socket.
     * Each call returns its own view of the shared bytes, so concurrent writers do not disturb
     * each other's position; nobody may write into it.
     */
    public ByteBuffer frame() {
        ByteBuffer encoded = frame;
        if (encoded == null) {
            // two threads racing here build equal frames; either may win
            encoded = encode(text, offHeap);
            frame = encoded;
        }
        return encoded.duplicate();
    }

    /** The size of {@link #frame()}, without building the frame if nobody has yet. */
    public int frameLength() {
        ByteBuffer encoded = frame;
        if (encoded != null) {
            return encoded.limit();
        }
        int length = utf8Length(text);
        return headerLength(length) + length;
    }

    private static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                // a lone surrogate is encoded as '?', one byte, as String.getBytes does
                length += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return length;
    }

    private static int headerLength(int payloadLength) {
        return payloadLength <= MAX_ONE_BYTE_LENGTH ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    private static ByteBuffer encode(String text, boolean direct) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        int header = headerLength(length);
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(header + length) : ByteBuffer.allocate(header + length);
        buffer.put((byte) FIN_TEXT);
        if (length <= MAX_ONE_BYTE_LENGTH) {
            buffer.put((byte) length);
        } else if (length <= 0xFFFF) {
            buffer.put((byte) TWO_BYTE_LENGTH).putShort((short) length);
        } else {
            buffer.put((byte) EIGHT_BYTE_LENGTH).putLong(length);
        }
        buffer.put(payload).flip();
        return buffer;
    }
}
