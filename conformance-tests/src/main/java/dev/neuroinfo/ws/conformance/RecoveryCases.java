package dev.neuroinfo.ws.conformance;

import static dev.neuroinfo.ws.conformance.CaseContext.bearer;
import static dev.neuroinfo.ws.conformance.CaseContext.expect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.conformance.wire.HttpResponse;
import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.recovery.RecoveryApi;
import dev.neuroinfo.ws.protocol.recovery.RecoveryGap;
import dev.neuroinfo.ws.schemas.Schemas;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The recovery extension (docs/protocol.md section 11). A server that does not offer it answers
 * {@code GET /api/events/latest} 404, and every case here is then not applicable.
 */
final class RecoveryCases {
    private static final EventType MARKER = EventType.STREAM_RAID_OUTGOING;
    private static final Set<Need> PUBLISH = Set.of(Need.PUBLISHER);

    private RecoveryCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.of("REC-1a", "events carry epoch and offset, valid per schema, increasing", PUBLISH,
                        RecoveryCases::eventIds),
                ConformanceCase.of("REC-4a", "GET /api/events/latest answers 200 valid per schema, with the last event",
                        PUBLISH, RecoveryCases::latest),
                ConformanceCase.of("REC-6a", "history after an event's offset holds exactly the later ones, in order",
                        PUBLISH, RecoveryCases::history),
                ConformanceCase.of("REC-6b", "history after the newest offset is recovered with no events", Set.of(),
                        RecoveryCases::nothingMissed),
                ConformanceCase.of("REC-7a", "another epoch, or an offset never issued, is not recovered: otherEpoch",
                        Set.of(), RecoveryCases::otherEpoch),
                ConformanceCase.of("REC-8a", "the endpoints answer AU1, AU2 and 400 AP2 for a malformed query",
                        Set.of(), RecoveryCases::errors));
    }

    /** The response to a GET of a recovery path with the suite's token. */
    private static HttpResponse get(CaseContext c, String pathAndQuery) throws IOException {
        return c.http().exchange("GET", pathAndQuery, bearer(c.config().token()), null);
    }

    /** The latest state's body; not applicable when the server does not offer the extension. */
    private static JsonNode latestState(CaseContext c) throws IOException {
        HttpResponse r = get(c, RecoveryApi.LATEST_PATH);
        if (r.status() == ApiError.AP3.status()) {
            throw new NotApplicable("the server does not offer the recovery extension (GET "
                    + RecoveryApi.LATEST_PATH + " answered 404)");
        }
        expect(r.status() == 200, "200 for GET " + RecoveryApi.LATEST_PATH, r.summary());
        expectValid(Schemas.LATEST_STATE, r);
        return c.json(r.bodyText()).path("data");
    }

    private static JsonNode history(CaseContext c, String epoch, long since, String query) throws IOException {
        HttpResponse r = get(c, RecoveryApi.HISTORY_PATH + "?" + RecoveryApi.EPOCH_PARAM + "=" + epoch + "&"
                + RecoveryApi.SINCE_PARAM + "=" + since + query);
        expect(r.status() == 200, "200 for GET " + RecoveryApi.HISTORY_PATH, r.summary());
        expectValid(Schemas.HISTORY_PAGE, r);
        return c.json(r.bodyText()).path("data");
    }

    private static void expectValid(String schema, HttpResponse r) {
        List<String> errors = SchemaCheck.errors(schema, r.bodyText());
        expect(errors.isEmpty(), "a body valid per " + schema, r.summary() + " violating " + errors);
    }

    /** Publishes a marker to a subscribed session and answers the event's {@code data}. */
    private static JsonNode publishMarker(CaseContext c, Session s) throws Exception {
        EventCases.publish(c, MARKER, SampleEvents.json(MARKER));
        Received r = EventCases.expectEvent(c, s, MARKER, "for the subscribed type");
        List<String> errors = SchemaCheck.errors(Schemas.RECORDED_EVENT, r.json().path("data").toString());
        expect(errors.isEmpty(), "data valid per " + Schemas.RECORDED_EVENT + " (REC-1)", r.raw() + " violating " + errors);
        return r.json().path("data");
    }

    private static void eventIds(CaseContext c) throws Exception {
        latestState(c);
        Session s = c.open(c.config().token());
        s.add(MARKER);
        JsonNode first = publishMarker(c, s);
        JsonNode second = publishMarker(c, s);
        expect(first.path("epoch").equals(second.path("epoch")), "one epoch for both events",
                first.path("epoch") + " then " + second.path("epoch"));
        expect(second.path("offset").asLong() > first.path("offset").asLong(), "a later event has a greater offset",
                first.path("offset") + " then " + second.path("offset"));
    }

    private static void latest(CaseContext c) throws Exception {
        latestState(c);
        Session s = c.open(c.config().token());
        s.add(MARKER);
        JsonNode published = publishMarker(c, s);
        JsonNode state = latestState(c);
        JsonNode latestMarker = null;
        for (JsonNode event : state.path("events")) {
            if (MARKER.wireName().equals(event.path("eventType").asText())) {
                latestMarker = event;
            }
        }
        expect(published.equals(latestMarker), "the " + MARKER + " just received as its type's latest event",
                String.valueOf(latestMarker));
        expect(state.path("offset").asLong() >= published.path("offset").asLong(),
                "data.offset at least the offset of the event received", state.toString());
    }

    private static void history(CaseContext c) throws Exception {
        latestState(c);
        Session s = c.open(c.config().token());
        s.add(MARKER);
        JsonNode first = publishMarker(c, s);
        JsonNode second = publishMarker(c, s);
        JsonNode third = publishMarker(c, s);
        JsonNode page = history(c, first.path("epoch").asText(), first.path("offset").asLong(),
                "&" + RecoveryApi.TYPE_PARAM + "=" + MARKER.wireName());
        expect(page.path("recovered").asBoolean(false), "recovered: true", page.toString());
        expect(page.path("events").equals(c.json("[" + second + "," + third + "]")),
                "exactly the two later events, as they were received", page.path("events").toString());
    }

    private static void nothingMissed(CaseContext c) throws Exception {
        JsonNode state = latestState(c);
        JsonNode page = history(c, state.path("epoch").asText(), state.path("offset").asLong(), "");
        expect(page.path("recovered").asBoolean(false) && page.path("events").isEmpty(),
                "recovered: true with no events", page.toString());
    }

    private static void otherEpoch(CaseContext c) throws Exception {
        JsonNode state = latestState(c);
        String epoch = state.path("epoch").asText();
        String other = epoch.equals("conformanceOtherEpoch") ? "conformanceOtherEpoch2" : "conformanceOtherEpoch";
        for (JsonNode page : List.of(history(c, other, 1, ""), history(c, epoch, state.path("offset").asLong() + 1000, ""))) {
            expect(!page.path("recovered").asBoolean(true)
                            && RecoveryGap.OTHER_EPOCH.wireValue().equals(page.path("reason").asText())
                            && page.path("events").isEmpty() && epoch.equals(page.path("epoch").asText()),
                    "recovered: false, reason otherEpoch, no events, the current epoch " + epoch, page.toString());
        }
    }

    private static void errors(CaseContext c) throws Exception {
        latestState(c);
        TicketEndpointCases.expectApiError(c, c.http().exchange("GET", RecoveryApi.LATEST_PATH, List.of(), null),
                ApiError.AU1);
        TicketEndpointCases.expectApiError(c, c.http().exchange("GET", RecoveryApi.LATEST_PATH,
                bearer(TicketEndpointCases.unknownToken()), null), ApiError.AU2);
        HttpResponse r = get(c, RecoveryApi.HISTORY_PATH + "?" + RecoveryApi.EPOCH_PARAM + "=e&"
                + RecoveryApi.SINCE_PARAM + "=-1");
        expect(r.status() == ApiError.AP2.status()
                        && ApiError.AP2.code().equals(c.json(r.bodyText()).path("error").path("code").asText())
                        && c.json(r.bodyText()).path("error").path("message").asText().contains(RecoveryApi.SINCE_PARAM),
                "400 AP2 naming the parameter " + RecoveryApi.SINCE_PARAM, r.summary());
    }
}
