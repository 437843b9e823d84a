package dev.neuroinfo.ws.wire;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * Encodes and decodes RFC 6455 frames (section 5.2) exactly as asked: any opcode, any length,
 * masked or not. Nothing here validates what a peer may send; callers that test peers need to send
 * and see the invalid too.
 */
public final class FrameCodec {
    private static final SecureRandom RANDOM = new SecureRandom();

    private FrameCodec() {
    }

    /** A whole frame as a client sends it: masked with a fresh random key. */
    public static byte[] masked(boolean fin, int opcode, byte[] payload) {
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        return encode(fin, opcode, payload, mask);
    }

    /** A whole frame as a server sends it: unmasked. */
    public static byte[] unmasked(boolean fin, int opcode, byte[] payload) {
        return encode(fin, opcode, payload, null);
    }

    /** A whole frame; {@code mask} is the 4-byte masking key, or null for none. */
    public static byte[] encode(boolean fin, int opcode, byte[] payload, byte[] mask) {
        byte[] header = header(fin, opcode, payload.length, mask);
        byte[] frame = new byte[header.length + payload.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        for (int i = 0; i < payload.length; i++) {
            frame[header.length + i] = mask == null ? payload[i] : (byte) (payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    /**
     * A frame header alone (up to the masking key), for a payload of {@code length} bytes that the
     * caller sends, or deliberately never sends, itself; lengths beyond what an array holds work.
     */
    public static byte[] header(boolean fin, int opcode, long length, byte[] mask) {
        if (length < 0) {
            throw new IllegalArgumentException("negative payload length " + length);
        }
        if (mask != null && mask.length != 4) {
            throw new IllegalArgumentException("a masking key has 4 bytes, not " + mask.length);
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream(14);
        header.write((fin ? 0x80 : 0) | (opcode & 0x0F));
        int maskBit = mask == null ? 0 : 0x80;
        if (length < 126) {
            header.write(maskBit | (int) length);
        } else if (length <= 0xFFFF) {
            header.write(maskBit | 126);
            header.write((int) (length >> 8));
            header.write((int) length);
        } else {
            header.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header.write((int) (length >> shift));
            }
        }
        if (mask != null) {
            header.writeBytes(mask);
        }
        return header.toByteArray();
    }

    /**
     * Reads one frame, blocking until it is complete, and unmasks it if it is masked.
     *
     * @param maxPayload the largest payload accepted; a larger declared length is an error, read no further
     * @throws EOFException if the stream ends before or inside the frame
     * @throws IOException  if the declared length exceeds {@code maxPayload}, or reading fails
     */
    public static Frame read(InputStream in, long maxPayload) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            throw new EOFException("end of stream");
        }
        int b1 = readByte(in);
        long length = b1 & 0x7F;
        if (length == 126) {
            length = ((long) readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(in);
            }
        }
        if (length < 0 || length > maxPayload) {
            throw new IOException("frame of " + Long.toUnsignedString(length) + " bytes exceeds the limit of " + maxPayload);
        }
        byte[] mask = (b1 & 0x80) != 0 ? readFully(in, 4) : null;
        byte[] payload = readFully(in, (int) length);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("end of stream inside a frame");
        }
        return bytes;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("end of stream inside a frame header");
        }
        return b;
    }
}
