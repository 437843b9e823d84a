package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.protocol.CloseCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Frames judged from their headers (KA-6, RFC 6455 5.1): a declared length over 16 KiB closes
 * with 1009 before any payload is sent, however absurd the length; an unmasked frame closes with
 * 1002; a fragmented message is judged by the sum of its fragments.
 */
class FrameHeaderTest {
    @RegisterExtension
    static final TestServer server = TestServer.shared();

    /** A masked text frame header declaring a length, with the 8-byte length form; no payload follows. */
    private static byte[] textHeaderDeclaring(long length) {
        return ByteBuffer.allocate(14).put((byte) 0x81).put((byte) (0x80 | 127)).putLong(length)
                .putInt(0x11223344).array();
    }

    private int closeCodeAfterSending(byte[] bytes) throws IOException {
        try (RawWebSocket socket = server.connect(server.token("frames"))) {
            socket.sendRaw(bytes);
            return socket.awaitClose(TestServer.WAIT, true);
        }
    }

    @Test
    void aHeaderDeclaringATerabyteClosesWith1009AtOnce() throws IOException {
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, closeCodeAfterSending(textHeaderDeclaring(1L << 40)));
    }

    @Test
    void aHeaderDeclaringALengthWithTheTopBitSetClosesWith1009() throws IOException {
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, closeCodeAfterSending(textHeaderDeclaring(Long.MIN_VALUE + 5)));
    }

    @Test
    void oneByteOverTheLimitClosesWith1009BeforeThePayload() throws IOException {
        byte[] header = ByteBuffer.allocate(8).put((byte) 0x82).put((byte) (0x80 | 126)).putShort((short) 16385)
                .putInt(0x01020304).array();
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, closeCodeAfterSending(header));
    }

    @Test
    void fragmentsAddingUpToMoreThanTheLimitCloseWith1009() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("fragments"))) {
            byte[] half = new byte[9000];
            socket.sendFrame(RawWebSocket.TEXT, half, false);
            socket.sendFrame(0, half, true);
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, socket.awaitClose(TestServer.WAIT, true));
        }
    }

    @Test
    void anUnmaskedFrameClosesWith1002() throws IOException {
        byte[] text = "{\"type\":\"listEvents\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] frame = ByteBuffer.allocate(2 + text.length).put((byte) 0x81).put((byte) text.length).put(text).array();
        assertEquals(CloseCodes.PROTOCOL_ERROR, closeCodeAfterSending(frame));
    }

    @Test
    void aPingAndAHeaderSplitAcrossWritesAreBothAnswered() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("split"))) {
            byte[] message = "{\"type\":\"listEvents\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
            byte[] frame = ByteBuffer.allocate(6 + message.length).put((byte) 0x81).put((byte) (0x80 | message.length))
                    .putInt(0).put(message).array();
            byte[] ping = {(byte) 0x89, (byte) 0x81, 0, 0, 0, 0, 'p'};
            // a ping and part of a header in one write, the rest of the frame in the next
            socket.sendRaw(ByteBuffer.allocate(ping.length + 3).put(ping).put(frame, 0, 3).array());
            socket.sendRaw(Arrays.copyOfRange(frame, 3, frame.length));
            RawWebSocket.Frame pong = socket.readFrame(TestServer.WAIT);
            assertEquals(RawWebSocket.PONG, pong.opcode());
            assertEquals("p", pong.text());
            String reply = socket.nextText(TestServer.WAIT);
            assertEquals("listEvents", TestServer.CODEC.parse(reply).orElseThrow().get("type").textValue(), reply);
        }
    }
}
