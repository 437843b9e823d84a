package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.Game;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.protocol.payload.StreamUpdate;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery to subscribers only, in publish order, with timestamps; the streamUpdate throttle. */
class EventsTest {
    private static final Game GAME = new Game("509658", "Just Chatting");

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

    @Test
    void streamUpdatesAreThrottledAndTheLatestArrives() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("throttle"))) {
            subscribe(socket, EventType.STREAM_UPDATE);
            for (int i = 0; i < 20; i++) {
                server.server.publish(EventType.STREAM_UPDATE, new StreamUpdate("title " + i, GAME, "en", false));
            }
            JsonNode first = nextEvent(socket, TestServer.WAIT);
            assertEquals("title 0", first.get("eventData").get("title").textValue(), "the first goes out at once");
            JsonNode last = nextEvent(socket, TestServer.WAIT);
            assertEquals("title 19", last.get("eventData").get("title").textValue(),
                    "updates inside the window collapse into the latest");
            assertNull(nextEvent(socket, Duration.ofMillis(2500)), "nothing else is pending");
        }
    }
}
