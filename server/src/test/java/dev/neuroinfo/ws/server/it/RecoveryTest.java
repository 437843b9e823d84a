package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.protocol.recovery.HistoryPage;
import dev.neuroinfo.ws.protocol.recovery.LatestState;
import dev.neuroinfo.ws.protocol.recovery.RecoveryApi;
import dev.neuroinfo.ws.protocol.recovery.RecoveryGap;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery extension on one node (docs/protocol.md, REC), over real sockets: ids on events,
 * the latest state, history after a dropped connection, its bounds and errors, and a restart.
 */
class RecoveryTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final TestServer server = TestServer.shared(c -> c.recovery(RecoverySettings.ON));

    private static StreamRaid raid(int viewers) {
        return new StreamRaid(new RaidChannel("R" + viewers, "r" + viewers, String.valueOf(viewers)), viewers);
    }

    private static void subscribe(RawWebSocket socket, EventType type) throws IOException {
        socket.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"" + type.wireName() + "\"}}");
        assertTrue(socket.nextText(TestServer.WAIT).contains("addSuccess"));
    }

    private static Event nextEvent(RawWebSocket socket) throws IOException {
        String text = socket.nextText(TestServer.WAIT);
        assertNotNull(text, "an event arrives");
        return (Event) ((dev.neuroinfo.ws.protocol.codec.ServerDecoding.Decoded) TestServer.CODEC.decodeServer(text))
                .message();
    }

    private static HttpResponse<String> get(TestServer on, String pathAndQuery, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(on.server.httpUri() + pathAndQuery));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HistoryPage history(TestServer on, String token, String epoch, long since, String types)
            throws IOException, InterruptedException {
        HttpResponse<String> response = get(on, RecoveryApi.HISTORY_PATH + "?epoch=" + epoch + "&since=" + since + types,
                token);
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.CODEC.decodeHistoryPage(response.body()).orElseThrow(() -> new AssertionError(response.body()));
    }

    private static LatestState latest(TestServer on, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = get(on, RecoveryApi.LATEST_PATH, token);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        return TestServer.CODEC.decodeLatestState(response.body()).orElseThrow(() -> new AssertionError(response.body()));
    }

    @Test
    void aDroppedClientGetsExactlyTheEventsItMissedThenLiveOnesWithoutDuplicates()
            throws IOException, InterruptedException {
        String token = server.token("recover");
        Event lastSeen;
        try (RawWebSocket first = server.connect(token)) {
            subscribe(first, EventType.STREAM_RAID_INCOMING);
            server.server.publish(EventType.STREAM_RAID_INCOMING, raid(1));
            lastSeen = nextEvent(first);
            assertNotNull(lastSeen.id(), "events carry an id when the extension is on");
            first.reset();
        }
        // published while the client is away; the offline event is of a type it does not follow
        for (int i = 2; i <= 4; i++) {
            server.server.publish(EventType.STREAM_RAID_INCOMING, raid(i));
        }
        server.server.publish(EventType.STREAM_OFFLINE, new StreamOffline());
        try (RawWebSocket second = server.connect(token)) {
            // REC-9: subscribe first, then fetch, then drop live events already delivered
            subscribe(second, EventType.STREAM_RAID_INCOMING);
            server.server.publish(EventType.STREAM_RAID_INCOMING, raid(5));
            HistoryPage page = history(server, token, lastSeen.id().epoch(), lastSeen.id().offset(),
                    "&eventType=streamRaidIncoming");
            assertTrue(page.recovered());
            List<Long> delivered = new ArrayList<>();
            long last = lastSeen.id().offset();
            for (Event missed : page.events()) {
                assertTrue(missed.id().offset() > last, "in offset order");
                last = missed.id().offset();
                delivered.add(((StreamRaid) missed.eventData()).viewerCount());
            }
            Event live = nextEvent(second);
            if (live.id().offset() > last) {
                delivered.add(((StreamRaid) live.eventData()).viewerCount());
            }
            assertEquals(List.of(2L, 3L, 4L, 5L), delivered, "each missed event once, in order, then live");
            assertEquals(page.offset(), live.id().offset(), "the history was read after the live event was sent");
        }
    }

    @Test
    void aClientThatMissedNothingIsToldSoAndTheLatestStateHoldsTheLastOfEachType()
            throws IOException, InterruptedException {
        String token = server.token("latest");
        server.server.publish(EventType.STREAM_RAID_OUTGOING, raid(7));
        server.server.publish(EventType.STREAM_RAID_OUTGOING, raid(8));
        LatestState state = latest(server, token);
        Event outgoing = state.events().stream().filter(e -> e.eventType() == EventType.STREAM_RAID_OUTGOING)
                .findFirst().orElseThrow();
        assertEquals(8, ((StreamRaid) outgoing.eventData()).viewerCount());
        assertEquals(state.offset(), outgoing.id().offset());
        HistoryPage nothing = history(server, token, state.epoch(), state.offset(), "");
        assertTrue(nothing.recovered());
        assertTrue(nothing.events().isEmpty());
    }

    @Test
    void anotherEpochOrAnOffsetNeverIssuedCannotBeRecovered() throws IOException, InterruptedException {
        String token = server.token("epoch");
        server.server.publish(EventType.STREAM_OFFLINE, new StreamOffline());
        LatestState state = latest(server, token);
        HistoryPage other = history(server, token, "someOtherEpoch", 1, "");
        assertFalse(other.recovered());
        assertEquals(RecoveryGap.OTHER_EPOCH, other.gap());
        assertEquals(state.epoch(), other.epoch(), "the answer names the current epoch");
        assertEquals(RecoveryGap.OTHER_EPOCH, history(server, token, state.epoch(), state.offset() + 1, "").gap());
    }

    @Test
    void malformedRequestsAreAnsweredWithTheErrorThatNamesTheParameter() throws IOException, InterruptedException {
        String token = server.token("malformed");
        assertEquals(401, get(server, RecoveryApi.LATEST_PATH, null).statusCode());
        HttpResponse<String> unknown = get(server, RecoveryApi.LATEST_PATH, "nk_unknown");
        assertEquals(401, unknown.statusCode());
        assertTrue(unknown.body().contains("AU2"), unknown.body());
        assertBadRequest(get(server, RecoveryApi.HISTORY_PATH + "?since=1", token), "epoch: required");
        assertBadRequest(get(server, RecoveryApi.HISTORY_PATH + "?epoch=e", token), "since: required");
        assertBadRequest(get(server, RecoveryApi.HISTORY_PATH + "?epoch=e&since=-1", token), "since: must be");
        assertBadRequest(get(server, RecoveryApi.HISTORY_PATH + "?epoch=e&since=1&eventType=nope", token),
                "eventType: 'nope' is not an event type");
        HttpResponse<String> admin = get(server, RecoveryApi.LATEST_PATH, server.adminToken());
        assertEquals(401, admin.statusCode(), "an admin token is not an API token");
    }

    private static void assertBadRequest(HttpResponse<String> response, String detail) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"AP2\"") && response.body().contains(detail), response.body());
    }

    @Test
    void theEndpointsAreRateLimitedPerTokenLikeTheTicketEndpoint(@TempDir Path dir)
            throws IOException, InterruptedException {
        try (TestServer limited = TestServer.start(dir, c -> c.recovery(RecoverySettings.ON))) {
            String token = limited.token("limited");
            for (int i = 0; i < Limits.TICKET_REQUESTS_PER_MINUTE; i++) {
                assertEquals(200, get(limited, RecoveryApi.LATEST_PATH, token).statusCode());
            }
            HttpResponse<String> refused = get(limited, RecoveryApi.LATEST_PATH, token);
            assertEquals(429, refused.statusCode());
            assertTrue(refused.body().contains("RL4"), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            assertEquals(200, get(limited, RecoveryApi.LATEST_PATH, limited.token("other")).statusCode(),
                    "the limit is per token");
        }
    }

    @Test
    void aRestartedNodeKeepsItsEpochItsOffsetsAndTheLatestState(@TempDir Path dir)
            throws IOException, InterruptedException {
        LatestState before;
        try (TestServer first = TestServer.start(dir, c -> c.recovery(RecoverySettings.ON))) {
            first.server.publish(EventType.STREAM_RAID_INCOMING, raid(41));
            first.server.publish(EventType.STREAM_OFFLINE, new StreamOffline());
            before = latest(first, first.token("before"));
        }
        assertTrue(Files.exists(dir.resolve("events.json")));
        try (TestServer second = TestServer.start(dir, c -> c.recovery(RecoverySettings.ON))) {
            String token = second.token("after");
            assertEquals(before, latest(second, token), "the same epoch, offset and events");
            HistoryPage page = history(second, token, before.epoch(), before.offset() - 2, "");
            assertTrue(page.recovered(), "the history survived too");
            assertEquals(2, page.events().size());
            try (RawWebSocket socket = second.connect(token)) {
                subscribe(socket, EventType.STREAM_OFFLINE);
                second.server.publish(EventType.STREAM_OFFLINE, new StreamOffline());
                Event next = nextEvent(socket);
                assertEquals(before.epoch(), next.id().epoch());
                assertEquals(before.offset() + 1, next.id().offset(), "offsets go on, none issued twice");
            }
        }
    }

    @Test
    void withTheExtensionOffEventsCarryNoIdAndItsEndpointsAreUnknown(@TempDir Path dir)
            throws IOException, InterruptedException {
        try (TestServer plain = TestServer.start(dir)) {
            String token = plain.token("plain");
            HttpResponse<String> response = get(plain, RecoveryApi.LATEST_PATH, token);
            assertEquals(404, response.statusCode());
            assertTrue(response.body().contains("AP3"), response.body());
            try (RawWebSocket socket = plain.connect(token)) {
                subscribe(socket, EventType.STREAM_OFFLINE);
                plain.server.publish(EventType.STREAM_OFFLINE, new StreamOffline());
                String text = socket.nextText(TestServer.WAIT);
                JsonNode data = TestServer.CODEC.parse(text).orElseThrow().get("data");
                assertFalse(data.has("offset") || data.has("epoch"), text);
            }
            assertFalse(Files.exists(dir.resolve("events.json")));
        }
    }
}
