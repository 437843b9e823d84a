package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LIM-9 on the wire: a subscriber that stops reading is closed with 1008 "Slow consumer" once its
 * bounded queue overflows, while a reading subscriber of the same events gets every one of them.
 * The idle timeout stays at its 60 s default, so only the queue can close the stalled client.
 *
 * <p>The embedded server queues the close frame behind the frames already waiting for the stalled
 * client and drops the connection only {@code ClientConnection.CLOSE_GRACE} (5 s) later, so a
 * client that starts reading right after the flood reads its way to the close frame: here the
 * 1008 itself is required, not merely a dropped connection.
 */
class SlowConsumerTest {
    private static final int QUEUE_LIMIT = 256;
    /**
     * Events published: more than the stalled client's queue and the socket buffers in front of it
     * hold (it was closed after 600 of them when measured), few enough to be read in a second.
     */
    private static final int FLOOD = 1_500;
    /** How far publishing may run ahead of the reading client, well inside its queue. */
    private static final int READER_LAG = 64;
    private static final String PADDING = "x".repeat(8_000);
    private static final String SUBSCRIBE = "{\"type\":\"addEvent\",\"data\":{\"eventType\":\""
            + EventType.STREAM_RAID_INCOMING.wireName() + "\"}}";

    @RegisterExtension
    static final TestServer server = TestServer.shared(config -> config.outboundQueueLimit(QUEUE_LIMIT));

    @Test
    void aConsumerThatNeverReadsIsClosedWith1008WhileAReaderGetsEveryEvent() throws Exception {
        AtomicInteger received = new AtomicInteger();
        try (RawWebSocket slow = stalledSubscriber(server.token("slow"));
             RawWebSocket healthy = server.connect(server.token("healthy"))) {
            subscribe(healthy);
            Thread reader = new Thread(() -> countEvents(healthy, received), "healthy-reader");
            reader.setDaemon(true);
            reader.start();
            for (int published = 0; published < FLOOD; published++) {
                int sent = published;
                if (sent - received.get() > READER_LAG) {
                    TestServer.await("the reading client to keep up", () -> sent - received.get() <= READER_LAG);
                }
                server.server.publish(EventType.STREAM_RAID_INCOMING,
                        new StreamRaid(new RaidChannel(PADDING, "n", "1"), published));
            }
            RawWebSocket.Frame close = readToClose(slow, TestServer.WAIT);
            assertNotNull(close, "the stalled client's connection ended without a close frame");
            assertEquals(CloseReasons.SLOW_CONSUMER.code(), close.closeCode());
            assertEquals(CloseReasons.SLOW_CONSUMER.text(), reason(close));
            TestServer.await("the reading client to get all " + FLOOD + " events", () -> received.get() == FLOOD);
        }
    }

    /** A subscriber with a small receive buffer that reads nothing after its subscription. */
    private static RawWebSocket stalledSubscriber(String token) throws IOException {
        RawWebSocket socket = RawWebSocket.open(server.wsPort(), "/api/ws",
                Map.of("Authorization", "Bearer " + token), 4096);
        assertEquals(101, socket.response().status(), socket.response().body());
        assertNotNull(socket.nextText(TestServer.WAIT), "welcome");
        subscribe(socket);
        return socket;
    }

    private static void subscribe(RawWebSocket socket) throws IOException {
        socket.sendText(SUBSCRIBE);
        String answer = socket.nextText(TestServer.WAIT);
        assertNotNull(answer, "no answer to addEvent");
        assertEquals("addSuccess", TestServer.CODEC.parse(answer).orElseThrow().get("type").textValue(), answer);
    }

    /** Counts the events the reading client gets until its socket closes or stays silent. */
    private static void countEvents(RawWebSocket socket, AtomicInteger received) {
        try {
            String text;
            while ((text = socket.nextText(TestServer.WAIT)) != null) {
                if ("event".equals(TestServer.CODEC.parse(text).orElseThrow().get("type").textValue())) {
                    received.incrementAndGet();
                }
            }
        } catch (IOException closed) {
            // the test closed the socket, or the server closed it: either way the count stops
        }
    }

    /** Reads and discards until the close frame; null when the connection ends without one. */
    private static RawWebSocket.Frame readToClose(RawWebSocket socket, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (System.nanoTime() - deadline < 0) {
                RawWebSocket.Frame frame = socket.readFrame(Duration.ofNanos(Math.max(1_000_000,
                        deadline - System.nanoTime())));
                if (frame == null) {
                    break;
                }
                if (frame.opcode() == RawWebSocket.CLOSE) {
                    return frame;
                }
            }
        } catch (IOException ended) {
            return null;
        }
        throw new AssertionError("the stalled client was still open " + within.toSeconds() + " s after the flood");
    }

    private static String reason(RawWebSocket.Frame close) {
        byte[] payload = close.payload();
        return payload.length <= 2 ? "" : new String(Arrays.copyOfRange(payload, 2, payload.length),
                StandardCharsets.UTF_8);
    }
}
