package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two threads write to one connection at once: the fan-out writes events, the selector thread
 * answers the client's pings with pongs, while the client reads nothing and its socket fills.
 * Every frame must still arrive whole: the events in publish order, the pongs in ping order (a
 * pong may stand for several pings, the last ping always answered). A write that did not respect
 * the other's turn on the socket would cut one frame with the bytes of another, which the frame
 * reader notices at once.
 */
class InterleavedWritersTest {
    private static final int EVENTS = 1_500;
    private static final int PINGS = 1_500;
    private static final String PADDING = "q".repeat(3_000);

    @RegisterExtension
    static final TestServer server = TestServer.shared(config -> config
            .inboundRate(PINGS * 2, PINGS * 2)
            .outboundQueueLimit((EVENTS + PINGS) * 2));

    @Test
    void eventsAndPongsWrittenFromTwoThreadsArriveWholeAndInOrder() throws Exception {
        try (RawWebSocket socket = server.connect(server.token("interleaved"))) {
            socket.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamRaidIncoming\"}}");
            assertTrue(socket.nextText(TestServer.WAIT).contains("addSuccess"));

            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < EVENTS; i++) {
                    server.server.publish(EventType.STREAM_RAID_INCOMING, new StreamRaid(new RaidChannel(PADDING, "n", "1"), i));
                }
            });
            for (int i = 0; i < PINGS; i++) {
                socket.sendFrame(RawWebSocket.PING, ByteBuffer.allocate(Integer.BYTES).putInt(i).array(), true);
            }
            publishing.get();

            int events = 0;
            int lastPong = -1;
            while (events < EVENTS || lastPong < PINGS - 1) {
                RawWebSocket.Frame frame = socket.readFrame(TestServer.WAIT);
                assertNotNull(frame, "a frame after " + events + " events and pong " + lastPong);
                if (frame.opcode() == RawWebSocket.PONG) {
                    int answered = ByteBuffer.wrap(frame.payload()).getInt();
                    assertTrue(answered > lastPong, "pong " + answered + " after pong " + lastPong);
                    lastPong = answered;
                } else {
                    assertEquals(RawWebSocket.TEXT, frame.opcode(), "only events and pongs are sent");
                    int before = events;
                    JsonNode data = TestServer.CODEC.parse(frame.text())
                            .orElseThrow(() -> new AssertionError("not a whole event after " + before + ": " + frame.text()))
                            .get("data");
                    assertEquals(events, data.get("eventData").get("viewerCount").longValue(), "publish order");
                    assertEquals(PADDING, data.get("eventData").get("channel").get("displayName").textValue(), "event intact");
                    events++;
                }
            }
        }
    }
}
