package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.Game;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.protocol.payload.StreamUpdate;
import dev.neuroinfo.ws.protocol.recovery.HistoryPage;
import dev.neuroinfo.ws.protocol.recovery.LatestState;
import dev.neuroinfo.ws.protocol.recovery.RecoveryApi;
import dev.neuroinfo.ws.protocol.recovery.RecoveryGap;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery extension across a cluster (REC-11): one order of offsets whichever node
 * publishes, a client that loses its node to SIGKILL recovering from another, and a new epoch when
 * Redis loses its data.
 */
class ClusterRecoveryTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Game GAME = new Game("509658", "Just Chatting");

    @TempDir
    Path dir;

    private static StreamRaid raid(int viewers) {
        return new StreamRaid(new RaidChannel("R" + viewers, "r" + viewers, String.valueOf(viewers)), viewers);
    }

    private static EmbeddedServer node(Path dataDir, String redisUri) throws IOException {
        return EmbeddedServer.start(ServerConfig.builder().ports(0, 0).dataDir(dataDir).redisUri(redisUri)
                .recovery(RecoverySettings.ON).build());
    }

    private static String get(URI http, String pathAndQuery, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(http + pathAndQuery))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static HistoryPage history(URI http, String token, String epoch, long since)
            throws IOException, InterruptedException {
        String body = get(http, RecoveryApi.HISTORY_PATH + "?epoch=" + epoch + "&since=" + since, token);
        return Wire.CODEC.decodeHistoryPage(body).orElseThrow(() -> new AssertionError(body));
    }

    private static LatestState latest(URI http, String token) throws IOException, InterruptedException {
        String body = get(http, RecoveryApi.LATEST_PATH, token);
        return Wire.CODEC.decodeLatestState(body).orElseThrow(() -> new AssertionError(body));
    }

    private static long offsetOf(JsonNode eventData) {
        assertTrue(eventData.has("offset"), eventData.toString());
        return eventData.get("offset").longValue();
    }

    @Test
    void aClientWhoseNodeIsKilledRecoversEveryMissedEventFromAnotherNode() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
             EmbeddedServer survivor = node(dir.resolve("survivor"), redis.uri());
             NodeProcess doomed = NodeProcess.start(dir.resolve("doomed"), redis.uri(), "--recovery")) {
            String token = survivor.createToken("recovering", TokenKind.API, false).secret();
            JsonNode lastSeen;
            try (Wire.Session session = Wire.connect(doomed.webSocketUri(), token)) {
                session.subscribe(EventType.STREAM_RAID_INCOMING);
                survivor.publish(EventType.STREAM_RAID_INCOMING, raid(1));
                lastSeen = session.nextEvent();
                doomed.kill();
            }
            for (int i = 2; i <= 4; i++) {
                survivor.publish(EventType.STREAM_RAID_INCOMING, raid(i));
            }
            survivor.publish(EventType.STREAM_OFFLINE, new StreamOffline());
            try (Wire.Session session = Wire.connect(survivor.webSocketUri(), token)) {
                session.subscribe(EventType.STREAM_RAID_INCOMING);
                String epoch = lastSeen.get("epoch").textValue();
                HistoryPage page = history(survivor.httpUri(), token, epoch, offsetOf(lastSeen));
                assertTrue(page.recovered());
                assertEquals(epoch, page.epoch(), "a node failing keeps the epoch");
                List<Long> raids = new ArrayList<>();
                for (Event e : page.events()) {
                    if (e.eventType() == EventType.STREAM_RAID_INCOMING) {
                        raids.add(((StreamRaid) e.eventData()).viewerCount());
                    }
                }
                assertEquals(List.of(2L, 3L, 4L), raids, "every missed raid once, in order");
                assertEquals(offsetOf(lastSeen) + 4, page.offset(), "three raids and the offline event, no gap");
                survivor.publish(EventType.STREAM_RAID_INCOMING, raid(5));
                JsonNode live = session.nextEvent();
                assertEquals(page.offset() + 1, offsetOf(live), "live events go on after the history");
            }
        }
    }

    @Test
    void offsetsFollowTheOneOrderOfTheClusterThrottleIncludedAndTheLatestStateIsShared() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
             EmbeddedServer a = node(dir.resolve("a"), redis.uri());
             EmbeddedServer b = node(dir.resolve("b"), redis.uri())) {
            String token = a.createToken("order", TokenKind.API, false).secret();
            try (Wire.Session onA = Wire.connect(a.webSocketUri(), token);
                 Wire.Session onB = Wire.connect(b.webSocketUri(), token)) {
                onA.subscribe(EventType.STREAM_RAID_INCOMING);
                onA.subscribe(EventType.STREAM_UPDATE);
                onB.subscribe(EventType.STREAM_RAID_INCOMING);
                onB.subscribe(EventType.STREAM_UPDATE);
                a.publish(EventType.STREAM_UPDATE, new StreamUpdate("first", GAME, "en", false));
                b.publish(EventType.STREAM_UPDATE, new StreamUpdate("held", GAME, "en", false));
                for (int i = 1; i <= 6; i++) {
                    (i % 2 == 0 ? a : b).publish(EventType.STREAM_RAID_INCOMING, raid(i));
                }
                List<Long> seenOnA = new ArrayList<>();
                List<Long> seenOnB = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    seenOnA.add(offsetOf(onA.nextEvent()));
                    seenOnB.add(offsetOf(onB.nextEvent()));
                }
                assertEquals(seenOnA, seenOnB, "both nodes send the same offsets in the same order");
                for (int i = 1; i < seenOnA.size(); i++) {
                    assertEquals(seenOnA.get(i - 1) + 1, seenOnA.get(i), "no gap, the held update included");
                }
            }
            LatestState fromA = latest(a.httpUri(), token);
            assertEquals(fromA, latest(b.httpUri(), token), "every node answers the same");
            Event update = fromA.events().stream().filter(e -> e.eventType() == EventType.STREAM_UPDATE).findFirst()
                    .orElseThrow();
            assertEquals("held", ((StreamUpdate) update.eventData()).title(), "the window's last update is the latest");
        }
    }

    @Test
    void redisLosingItsDataStartsANewEpoch() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
             EmbeddedServer node = node(dir.resolve("node"), redis.uri())) {
            String token = node.createToken("epoch", TokenKind.API, false).secret();
            node.publish(EventType.STREAM_OFFLINE, new StreamOffline());
            LatestState before = latest(node.httpUri(), token);
            assertFalse(before.events().isEmpty());
            assertEquals("+OK", redis.command("FLUSHALL"));
            String fresh = node.createToken("again", TokenKind.API, false).secret();
            HistoryPage page = history(node.httpUri(), fresh, before.epoch(), before.offset());
            assertEquals(RecoveryGap.OTHER_EPOCH, page.gap());
            assertNotEquals(before.epoch(), page.epoch());
            assertEquals(0, page.offset(), "offsets start again");
            assertTrue(latest(node.httpUri(), fresh).events().isEmpty(), "the latest state went with the data");
        }
    }
}
