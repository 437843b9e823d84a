package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
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
 * The recovery extension across a cluster of real nodes (REC-11): a client that loses its node to
 * SIGKILL recovering from another, and a new epoch when Redis loses its data. One order of offsets
 * whichever node publishes is the event seams' contract (RedisEventSeamsTest).
 */
class ClusterRecoveryTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
