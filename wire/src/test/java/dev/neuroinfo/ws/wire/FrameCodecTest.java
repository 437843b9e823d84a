package dev.neuroinfo.ws.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private static final byte[] MASK = {0x37, (byte) 0xFA, 0x21, 0x3D};

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 70000})
    void everyLengthRoundTripsMaskedAndUnmasked(int length) throws IOException {
        byte[] payload = payload(length);
        for (byte[] frame : new byte[][] {FrameCodec.masked(true, Frame.BINARY, payload),
                FrameCodec.unmasked(false, Frame.TEXT, payload)}) {
            Frame read = FrameCodec.read(new ByteArrayInputStream(frame), Integer.MAX_VALUE);
            assertArrayEquals(payload, read.payload());
        }
        Frame unmasked = FrameCodec.read(new ByteArrayInputStream(FrameCodec.unmasked(false, Frame.TEXT, payload)), length);
        assertFalse(unmasked.fin());
        assertEquals(Frame.TEXT, unmasked.opcode());
    }

    @Test
    void lengthsPickTheSmallestEncoding() {
        assertArrayEquals(new byte[] {(byte) 0x81, 0}, FrameCodec.header(true, Frame.TEXT, 0, null));
        assertArrayEquals(new byte[] {(byte) 0x82, 125}, FrameCodec.header(true, Frame.BINARY, 125, null));
        assertArrayEquals(new byte[] {0x01, 126, 0, 126}, FrameCodec.header(false, Frame.TEXT, 126, null));
        assertArrayEquals(new byte[] {(byte) 0x81, 126, (byte) 0xFF, (byte) 0xFF}, FrameCodec.header(true, 1, 65535, null));
        assertArrayEquals(new byte[] {(byte) 0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0}, FrameCodec.header(true, 1, 65536, null));
        assertArrayEquals(new byte[] {(byte) 0x81, 127, 0, 0, 1, 0, 0, 0, 0, 0}, FrameCodec.header(true, 1, 1L << 40, null));
    }

    @Test
    void aMaskSetsTheBitAndFollowsTheLength() {
        byte[] header = FrameCodec.header(true, Frame.PING, 126, MASK);
        assertArrayEquals(new byte[] {(byte) 0x89, (byte) 0xFE, 0, 126, 0x37, (byte) 0xFA, 0x21, 0x3D}, header);
    }

    @Test
    void maskingIsTheRfcExample() {
        // RFC 6455 5.7: a masked "Hello".
        byte[] frame = FrameCodec.encode(true, Frame.TEXT, "Hello".getBytes(), MASK);
        assertArrayEquals(new byte[] {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xFA, 0x21, 0x3D,
                0x7F, (byte) 0x9F, 0x4D, 0x51, 0x58}, frame);
        assertEquals("Hello", readAll(frame).text());
    }

    @Test
    void anyOpcodeIsWrittenAsGiven() {
        assertEquals(0x0B, readAll(FrameCodec.unmasked(true, 0x0B, new byte[0])).opcode());
    }

    @Test
    void aFrameArrivingInPiecesIsReadWhole() throws IOException {
        byte[] payload = payload(300);
        InputStream trickle = new TrickleStream(FrameCodec.masked(true, Frame.BINARY, payload));
        assertArrayEquals(payload, FrameCodec.read(trickle, 300).payload());
    }

    @Test
    void twoFramesInOneReadAreReadOneByOne() throws IOException {
        byte[] first = FrameCodec.unmasked(false, Frame.TEXT, "ab".getBytes());
        byte[] second = FrameCodec.unmasked(true, Frame.CONTINUATION, "cd".getBytes());
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        InputStream in = new ByteArrayInputStream(both);
        assertEquals("ab", FrameCodec.read(in, 10).text());
        Frame last = FrameCodec.read(in, 10);
        assertTrue(last.fin());
        assertEquals(Frame.CONTINUATION, last.opcode());
        assertEquals("cd", last.text());
    }

    @Test
    void anEndBeforeOrInsideAFrameIsAnEof() {
        assertThrows(EOFException.class, () -> FrameCodec.read(new ByteArrayInputStream(new byte[0]), 10));
        assertThrows(EOFException.class, () -> FrameCodec.read(new ByteArrayInputStream(new byte[] {(byte) 0x81, 126, 0}), 10));
        byte[] cut = Arrays.copyOf(FrameCodec.unmasked(true, Frame.TEXT, payload(5)), 4);
        assertThrows(EOFException.class, () -> FrameCodec.read(new ByteArrayInputStream(cut), 10));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReadingIt() {
        byte[] huge = FrameCodec.header(true, Frame.BINARY, 1L << 40, null);
        IOException e = assertThrows(IOException.class, () -> FrameCodec.read(new ByteArrayInputStream(huge), 1 << 20));
        assertEquals("frame of 1099511627776 bytes exceeds the limit of 1048576", e.getMessage());
    }

    @Test
    void closeCodesAndReasonsAreParsed() {
        byte[] payload = {0x03, (byte) 0xF0, 'b', 'y', 'e'};
        Frame close = new Frame(true, Frame.CLOSE, payload);
        assertEquals(OptionalInt.of(1008), close.closeCode());
        assertEquals("bye", close.closeReason());
        assertEquals(OptionalInt.empty(), new Frame(true, Frame.CLOSE, new byte[0]).closeCode());
        assertEquals("", new Frame(true, Frame.CLOSE, Frame.closePayload(1000)).closeReason());
        assertEquals(OptionalInt.of(4001), Frame.closeCode(Frame.closePayload(4001)));
    }

    @Test
    void malformedArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FrameCodec.header(true, 1, -1, null));
        assertThrows(IllegalArgumentException.class, () -> FrameCodec.header(true, 1, 1, new byte[3]));
    }

    private static Frame readAll(byte[] frame) {
        try {
            return FrameCodec.read(new ByteArrayInputStream(frame), frame.length);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] payload(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 31);
        }
        return payload;
    }

    /** Hands out at most three bytes per read, as a slow network would. */
    private static final class TrickleStream extends InputStream {
        private final ByteArrayInputStream bytes;

        TrickleStream(byte[] all) {
            this.bytes = new ByteArrayInputStream(all);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return bytes.read(b, off, Math.min(3, len));
        }
    }
}
