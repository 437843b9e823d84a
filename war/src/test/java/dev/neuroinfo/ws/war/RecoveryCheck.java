package dev.neuroinfo.ws.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.protocol.recovery.RecoveryApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A client catching up after its connection dropped, against a deployment with the recovery
 * extension on (docs/protocol.md REC-9): the events published in the gap come from the history
 * over HTTP, the later ones live over the container's WebSocket, and the latest state names the
 * newest.
 */
final class RecoveryCheck {
    private static final EventType TYPE = EventType.STREAM_RAID_OUTGOING;
    private static final int GAP = 3;

    private RecoveryCheck() {
    }

    /**
     * @param base the deployment's base URL (with its context path)
     * @param ws   its WebSocket URL
     */
    static void reconnectRecoversTheGap(URI base, URI ws, AdminClient admin) throws Exception {
        String token = admin.create("recovering", false).secret();
        JsonNode seen;
        try (EventSubscriber first = EventSubscriber.open(ws, token, TYPE)) {
            publish(admin, 0);
            seen = first.nextEvent();
        }
        // the first connection is gone (dropped, no close frame): these are published in the gap
        for (int i = 1; i <= GAP; i++) {
            publish(admin, i);
        }
        try (EventSubscriber again = EventSubscriber.open(ws, token, TYPE)) {
            JsonNode page = get(base, token, RecoveryApi.HISTORY_PATH + "?" + RecoveryApi.EPOCH_PARAM + "="
                    + seen.path("epoch").asText() + "&" + RecoveryApi.SINCE_PARAM + "=" + seen.path("offset").asLong()
                    + "&" + RecoveryApi.TYPE_PARAM + "=" + TYPE.wireName());
            assertTrue(page.path("recovered").asBoolean(false), page.toString());
            List<Long> viewers = new ArrayList<>();
            long offset = seen.path("offset").asLong();
            for (JsonNode event : page.path("events")) {
                assertTrue(event.path("offset").asLong() > offset, "offsets after the last one seen, in order: " + page);
                offset = event.path("offset").asLong();
                viewers.add(event.path("eventData").path("viewerCount").asLong());
            }
            assertEquals(List.of(1L, 2L, 3L), viewers, "exactly the events missed, in order: " + page);

            publish(admin, GAP + 1);
            JsonNode live = again.nextEvent();
            assertEquals(GAP + 1, live.path("eventData").path("viewerCount").asLong(), live.toString());
            assertTrue(live.path("offset").asLong() > page.path("offset").asLong(),
                    "the live event after the history answer's offset: " + live + " after " + page);

            JsonNode latest = get(base, token, RecoveryApi.LATEST_PATH);
            assertEquals(seen.path("epoch"), latest.path("epoch"), latest.toString());
            JsonNode newest = null;
            for (JsonNode event : latest.path("events")) {
                if (TYPE.wireName().equals(event.path("eventType").asText())) {
                    newest = event;
                }
            }
            assertEquals(live, newest, "the latest " + TYPE + " is the one received live: " + latest);
        }
    }

    private static void publish(AdminClient admin, int viewers) throws Exception {
        admin.publish(TYPE, new StreamRaid(new RaidChannel("Recovering", "recovering", "19"), viewers));
    }

    private static JsonNode get(URI base, String token, String pathAndQuery) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
        return AdminClient.JSON.readTree(response.body()).path("data");
    }
}
