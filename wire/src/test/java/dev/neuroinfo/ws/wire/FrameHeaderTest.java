package dev.neuroinfo.ws.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameHeaderTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65535, 65536})
    void aHeaderIsSeenOnlyOnceWholeAndThePositionStays(int length) {
        byte[] frame = FrameCodec.masked(true, Frame.PING, new byte[length]);
        int headerSize = length < 126 ? 6 : length <= 0xFFFF ? 8 : 14;
        for (int cut = 0; cut < headerSize - 4; cut++) {
            assertNull(FrameHeader.peek(ByteBuffer.wrap(Arrays.copyOf(frame, cut))), "only " + cut + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        FrameHeader header = FrameHeader.peek(buffer);
        assertEquals(0, buffer.position());
        assertTrue(header.fin());
        assertTrue(header.masked());
        assertEquals(Frame.PING, header.opcode());
        assertEquals(headerSize, header.size());
        assertEquals(length, header.payloadLength());
        assertEquals(frame.length, header.frameLength());
    }

    @ParameterizedTest
    @ValueSource(longs = {1L << 40})
    void aDeclaredLengthBeyondAnArrayIsReported(long length) {
        FrameHeader header = FrameHeader.peek(ByteBuffer.wrap(FrameCodec.header(false, Frame.TEXT, length, null)));
        assertFalse(header.fin());
        assertFalse(header.masked());
        assertEquals(length, header.payloadLength());
    }
}
