package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.CloseCodes;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.wire.FrameCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one connection may send (LIM-10): a burst of messages is answered, more than the rate is
 * closed with 1008; pings count the same way, and so do pongs and fragments before a message's
 * last; and pings are answered only as fast as the client reads its pongs, the latest ping being
 * the one answered.
 */
class InboundLimitsTest {
    private static final int CONTINUATION = dev.neuroinfo.ws.wire.Frame.CONTINUATION;
    private static final byte[] LIST_EVENTS = "{\"type\":\"listEvents\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final TestServer server = TestServer.shared();

    /** A server whose rate limit does not get in the way of a ping flood. */
    @RegisterExtension
    static final TestServer unlimited = TestServer.shared(c -> c.inboundRate(10_000_000, 10_000_000));

    /** Many masked frames in one buffer, written at once. */
    private static byte[] frames(int opcode, byte[] payload, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.writeBytes(FrameCodec.encode(true, opcode, payload, new byte[4]));
        }
        return out.toByteArray();
    }

    private static String reason(RawWebSocket.Frame close) {
        return new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8);
    }

    /** Reads until the close frame, skipping everything else; null if none comes in time. */
    private static RawWebSocket.Frame closeFrame(RawWebSocket socket) throws IOException {
        for (RawWebSocket.Frame frame = socket.readFrame(TestServer.WAIT); frame != null;
                frame = socket.readFrame(TestServer.WAIT)) {
            if (frame.opcode() == RawWebSocket.CLOSE) {
                return frame;
            }
        }
        return null;
    }

    @Test
    void aBurstOfMessagesIsAnsweredAndMoreThanTheRateClosesWith1008() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("burst"))) {
            socket.sendRaw(frames(RawWebSocket.TEXT, LIST_EVENTS, Limits.INBOUND_MESSAGE_BURST));
            for (int i = 0; i < Limits.INBOUND_MESSAGE_BURST; i++) {
                assertNotNull(socket.nextText(TestServer.WAIT), "reply " + i + " of the burst");
            }
            socket.sendRaw(frames(RawWebSocket.TEXT, LIST_EVENTS, Limits.INBOUND_MESSAGE_BURST));
            RawWebSocket.Frame close = closeFrame(socket);
            assertNotNull(close, "closed for the rate");
            assertEquals(CloseCodes.POLICY_VIOLATION, close.closeCode());
            assertEquals(CloseReasons.MESSAGE_RATE.text(), reason(close));
        }
    }

    @Test
    void aPingFloodPastTheRateClosesWith1008() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("pings"))) {
            socket.sendRaw(frames(RawWebSocket.PING, new byte[] {1}, 2 * Limits.INBOUND_MESSAGE_BURST));
            RawWebSocket.Frame close = closeFrame(socket);
            assertNotNull(close, "closed for the pings");
            assertEquals(CloseCodes.POLICY_VIOLATION, close.closeCode());
            assertEquals(CloseReasons.PING_RATE.text(), reason(close));
        }
    }

    @Test
    void aPongFloodPastTheRateClosesWith1008() throws IOException {
        // unsolicited pongs are allowed (RFC 6455 5.5.3) and answered by nothing: before they were
        // counted, one connection could send millions a second, taking most of a core
        try (RawWebSocket socket = server.connect(server.token("pongs"))) {
            socket.sendRaw(frames(RawWebSocket.PONG, new byte[] {1}, 2 * Limits.INBOUND_MESSAGE_BURST));
            assertClosedForFrames(socket);
        }
    }

    @Test
    void aMessageFragmentedPastTheRateClosesWith1008() throws IOException {
        // a message that never ends, in empty fragments: within the size limit, and never a message
        // for the message rate
        try (RawWebSocket socket = server.connect(server.token("fragments"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(FrameCodec.encode(false, RawWebSocket.TEXT, new byte[] {'{'}, new byte[4]));
            for (int i = 0; i < 2 * Limits.INBOUND_MESSAGE_BURST; i++) {
                out.writeBytes(FrameCodec.encode(false, CONTINUATION, new byte[0], new byte[4]));
            }
            socket.sendRaw(out.toByteArray());
            assertClosedForFrames(socket);
        }
    }

    private static void assertClosedForFrames(RawWebSocket socket) throws IOException {
        RawWebSocket.Frame close = closeFrame(socket);
        assertNotNull(close, "closed for the frames");
        assertEquals(CloseCodes.POLICY_VIOLATION, close.closeCode());
        assertEquals(CloseReasons.FRAME_RATE.text(), reason(close));
    }

    @Test
    void pingsWaitingForTheirPongAreAnsweredOnlyByTheLatest() throws IOException {
        // What the kernel buffers hold gets a pong each before pongs start to wait (about 50,000 of
        // them at load 10, more than half of 100,000 pings): enough pings that coalescing, not the
        // buffers, decides the count.
        int pings = 300_000;
        try (RawWebSocket socket = RawWebSocket.open(unlimited.wsPort(), "/api/ws",
                Map.of("Authorization", "Bearer " + unlimited.token("flood")), 4096)) {
            assertEquals("welcome", TestServer.CODEC.parse(socket.nextText(TestServer.WAIT)).orElseThrow()
                    .get("type").textValue());
            byte[] payload = new byte[125];
            ByteBuffer numbered = ByteBuffer.wrap(payload);
            // sent without reading a single pong: far more pong bytes than any socket buffers hold
            for (int batch = 0; batch < pings / 1000; batch++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 0; i < 1000; i++) {
                    numbered.putInt(0, batch * 1000 + i);
                    out.writeBytes(frames(RawWebSocket.PING, payload, 1));
                }
                socket.sendRaw(out.toByteArray());
            }
            int pongs = 0;
            boolean lastAnswered = false;
            for (RawWebSocket.Frame frame = socket.readFrame(TestServer.WAIT); frame != null;
                    frame = socket.readFrame(TestServer.WAIT)) {
                assertEquals(RawWebSocket.PONG, frame.opcode());
                pongs++;
                if (ByteBuffer.wrap(frame.payload()).getInt(0) == pings - 1) {
                    numbered.putInt(0, pings - 1);
                    assertArrayEquals(payload, frame.payload(), "the last pong answers the last ping");
                    lastAnswered = true;
                    break;
                }
            }
            assertTrue(lastAnswered, "no pong answered the last ping (" + pongs + " pongs)");
            assertTrue(pongs < pings / 2, pongs + " pongs for " + pings + " pings");
            socket.sendText(new String(LIST_EVENTS, StandardCharsets.UTF_8));
            assertNotNull(socket.nextText(TestServer.WAIT), "the connection still serves");
        }
    }
}
