package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Frames that cannot go out at once, because the client is not reading and its socket buffers
 * are full, wait in the server's write queue and still arrive whole and in order. On the embedded
 * server this is the path where a broadcast's shared frame is copied for one connection.
 */
class BackloggedDeliveryTest {
    private static final int EVENTS = 600;

    @RegisterExtension
    static final TestServer server = TestServer.shared();

    @Test
    void framesQueuedBehindFullSocketsArriveIntactAndInOrder() throws Exception {
        String padding = "p".repeat(8_000);
        // two subscribers, so one broadcast frame both waits in one queue and goes out to the other
        try (RawWebSocket first = server.connect(server.token("paused-1"));
             RawWebSocket second = server.connect(server.token("paused-2"))) {
            for (RawWebSocket socket : new RawWebSocket[] {first, second}) {
                socket.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamRaidIncoming\"}}");
                assertTrue(socket.nextText(TestServer.WAIT).contains("addSuccess"));
            }

            // about 4.8 MB per subscriber while nobody reads: more than loopback socket buffers hold
            for (int i = 0; i < EVENTS; i++) {
                server.server.publish(EventType.STREAM_RAID_INCOMING, new StreamRaid(new RaidChannel(padding, "n", "1"), i));
            }

            for (RawWebSocket socket : new RawWebSocket[] {first, second}) {
                for (int i = 0; i < EVENTS; i++) {
                    String text = socket.nextText(TestServer.WAIT);
                    assertNotNull(text, "event " + i + " arrived");
                    JsonNode data = TestServer.CODEC.parse(text).orElseThrow().get("data");
                    assertEquals(i, data.get("eventData").get("viewerCount").longValue(), "publish order");
                    assertEquals(padding, data.get("eventData").get("channel").get("displayName").textValue(),
                            "frame intact");
                }
            }
        }
    }
}
