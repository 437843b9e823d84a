package dev.neuroinfo.ws.server.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The frame a message is sent as: RFC 6455 section 5.2, for every length encoding. */
class OutboundTextTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 300_000})
    void framesEveryLengthEncodingAsOneFinalUnmaskedTextFrame(int length) {
        String text = "a".repeat(length);
        ByteBuffer frame = OutboundText.of(text).frame();

        assertEquals(0x81, frame.get() & 0xFF, "FIN and opcode 1 (text)");
        int second = frame.get() & 0xFF;
        assertEquals(0, second & 0x80, "a server never masks");
        long declared = second & 0x7F;
        if (declared == 126) {
            declared = frame.getShort() & 0xFFFF;
        } else if (declared == 127) {
            declared = frame.getLong();
        }
        assertEquals(length, declared);
        // the shortest encoding, as section 5.2 requires
        int expectedHeader = length <= 125 ? 2 : length <= 65_535 ? 4 : 10;
        assertEquals(expectedHeader, frame.position());
        byte[] payload = new byte[frame.remaining()];
        frame.get(payload);
        assertEquals(text, new String(payload, StandardCharsets.UTF_8));
    }

    @Test
    void declaresTheLengthInUtf8BytesNotCharacters() {
        String text = "Neuro-sama 🐢 é";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = OutboundText.of(text).frame();

        assertEquals(utf8.length, frame.get(1));
        byte[] payload = new byte[utf8.length];
        frame.position(2).get(payload);
        assertArrayEquals(utf8, payload);
    }

    @Test
    void aBroadcastMessageHasTheSameFrameOutsideTheHeap() {
        String text = "x".repeat(300);
        ByteBuffer single = OutboundText.of(text).frame();
        ByteBuffer broadcast = OutboundText.forBroadcast(text).frame();

        assertEquals(single, broadcast, "same bytes");
        assertEquals(false, single.isDirect());
        assertEquals(true, broadcast.isDirect());
    }

    @Test
    void everyCallerGetsItsOwnPositionOverTheSameBytes() {
        OutboundText message = OutboundText.forBroadcast("{\"type\":\"event\"}");
        ByteBuffer first = message.frame();
        first.position(first.limit());
        ByteBuffer second = message.frame();

        assertNotSame(first, second);
        assertEquals(0, second.position(), "one writer's progress does not move another's");
        assertEquals(first.limit(), second.limit());
        assertEquals("{\"type\":\"event\"}", message.text());
    }
}
