package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery to subscribers only, in publish order, with timestamps, on the wire (the throttle is the event seams' contract). */
class EventsTest {
    @RegisterExtension
    static final TestServer server = TestServer.shared();

    private static void subscribe(RawWebSocket socket, EventType type) throws IOException {
        socket.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"" + type.wireName() + "\"}}");
        assertTrue(socket.nextText(TestServer.WAIT).contains("addSuccess"));
    }

    private static JsonNode nextEvent(RawWebSocket socket, Duration timeout) throws IOException {
        String text = socket.nextText(timeout);
        return text == null ? null : TestServer.CODEC.parse(text).orElseThrow().get("data");
    }

    @Test
    void eventsReachSubscribersOnlyInPublishOrder() throws IOException {
        try (RawWebSocket raids = server.connect(server.token("raids"));
             RawWebSocket offline = server.connect(server.token("offline"))) {
            subscribe(raids, EventType.STREAM_RAID_INCOMING);
            subscribe(offline, EventType.STREAM_OFFLINE);
            List<Long> stamps = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                stamps.add(server.server.publish(EventType.STREAM_RAID_INCOMING,
                        new StreamRaid(new RaidChannel("R" + i, "r" + i, String.valueOf(i)), i)));
            }
            long offlineStamp = server.server.publish(EventType.STREAM_OFFLINE, new StreamOffline());
            for (int i = 0; i < 50; i++) {
                JsonNode event = nextEvent(raids, TestServer.WAIT);
                assertEquals("streamRaidIncoming", event.get("eventType").textValue());
                assertEquals(i, event.get("eventData").get("viewerCount").intValue(), "publish order");
                assertEquals(stamps.get(i).longValue(), event.get("timestamp").longValue());
            }
            JsonNode off = nextEvent(offline, TestServer.WAIT);
            assertEquals("{\"isLive\":false}", off.get("eventData").toString());
            assertEquals(offlineStamp, off.get("timestamp").longValue());
            assertNull(nextEvent(offline, Duration.ofMillis(300)), "raids went to the raid subscriber only");
        }
    }

    @Test
    void removeEventStopsDelivery() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("remove"))) {
            subscribe(socket, EventType.STREAM_RAID_OUTGOING);
            socket.sendText("{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"streamRaidOutgoing\"}}");
            assertTrue(socket.nextText(TestServer.WAIT).contains("removeSuccess"));
            server.server.publish(EventType.STREAM_RAID_OUTGOING, new StreamRaid(new RaidChannel("a", "a", "1"), 1));
            socket.sendText("{\"type\":\"listEvents\"}");
            assertTrue(socket.nextText(TestServer.WAIT).contains("\"subscribedEvents\":[]"),
                    "the list reply comes next, no event before it");
        }
    }
}
