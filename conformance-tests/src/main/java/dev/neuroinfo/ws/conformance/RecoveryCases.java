package dev.neuroinfo.ws.conformance;

import static dev.neuroinfo.ws.conformance.CaseContext.bearer;
import static dev.neuroinfo.ws.conformance.CaseContext.expect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.wire.HttpResponse;
import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.InvalidReason;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.recovery.RecoveryApi;
import dev.neuroinfo.ws.protocol.recovery.RecoveryGap;
import dev.neuroinfo.ws.schemas.Schemas;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The recovery extension (docs/protocol.md section 11). A server that does not offer it answers
 * {@code GET /api/events/latest} 404, and every case here is then not applicable.
 */
final class RecoveryCases {
    private static final EventType MARKER = EventType.STREAM_RAID_OUTGOING;
    private static final Set<Need> PUBLISH = Set.of(Need.PUBLISHER);
    /** Events published while REC-9a's client subscribes and catches up. */
    private static final int SEAM_EVENTS = 20;
    private static final Duration PUBLISHING_WAIT = Duration.ofSeconds(30);

    private RecoveryCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.of("REC-1a", "events carry epoch and offset, valid per schema, increasing", PUBLISH,
                        RecoveryCases::eventIds),
                ConformanceCase.of("REC-2a", "one epoch in the latest state, history and events; offsets go on from the latest",
                        PUBLISH, RecoveryCases::oneEpoch),
                ConformanceCase.of("REC-3a", "ids reach ticket and token sessions alike without opt-in, seed schemas still hold",
                        PUBLISH, RecoveryCases::noOptIn),
                ConformanceCase.of("REC-4a", "GET /api/events/latest answers 200 valid per schema, with the last event",
                        PUBLISH, RecoveryCases::latest),
                ConformanceCase.of("REC-5a", "the history keeps recent events of every type: eight types back, all recovered",
                        PUBLISH, RecoveryCases::everyType),
                ConformanceCase.of("REC-6a", "history after an event's offset holds exactly the later ones, in order",
                        PUBLISH, RecoveryCases::history),
                ConformanceCase.of("REC-6b", "history after the newest offset is recovered with no events", Set.of(),
                        RecoveryCases::nothingMissed),
                ConformanceCase.of("REC-7a", "another epoch, or an offset never issued, is not recovered: otherEpoch",
                        Set.of(), RecoveryCases::otherEpoch),
                ConformanceCase.of("REC-8a", "the endpoints answer AU1, AU2 and 400 AP2 for a malformed query",
                        Set.of(), RecoveryCases::errors),
                ConformanceCase.of("REC-8b", "a missing epoch or an unknown eventType is 400 AP2 naming the parameter",
                        Set.of(), RecoveryCases::malformedQueries),
                ConformanceCase.of("REC-8c", "answers carry the ticket endpoint's headers (TK-8..10); a preflight is 204",
                        Set.of(), RecoveryCases::headers),
                ConformanceCase.of("REC-8d", "100 requests a minute, then 429 RL4 with Retry-After, apart from tickets",
                        Set.of(Need.RATE_LIMIT_TOKEN), RecoveryCases::rateLimited),
                ConformanceCase.of("REC-9a", "events published while a client subscribes and fetches history: none lost",
                        PUBLISH, RecoveryCases::noGapAtTheSeam),
                ConformanceCase.of("REC-10a", "no recovery over the WebSocket: a history message is malformed, as any unknown type",
                        Set.of(), RecoveryCases::notOverTheWebSocket));
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
        JsonNode page = history(c, first.path("epoch").asText(), first.path("offset").asLong(), typeQuery(MARKER));
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

    private static void oneEpoch(CaseContext c) throws Exception {
        JsonNode before = latestState(c);
        String epoch = before.path("epoch").asText();
        Session s = c.open(c.config().token());
        s.add(MARKER);
        JsonNode event = publishMarker(c, s);
        expect(epoch.equals(event.path("epoch").asText()), "the event in the latest state's epoch " + epoch,
                event.toString());
        expect(event.path("offset").asLong() > before.path("offset").asLong(),
                "an offset after the latest state's " + before.path("offset") + " (offsets never start again"
                        + " while the epoch stays)", event.toString());
        JsonNode page = history(c, epoch, before.path("offset").asLong(), typeQuery(MARKER));
        expect(epoch.equals(page.path("epoch").asText()) && page.path("recovered").asBoolean(false)
                        && page.path("events").size() > 0 && event.equals(page.path("events").get(page.path("events").size() - 1)),
                "history in the same epoch, recovered, ending with the event received", page.toString());
        JsonNode after = latestState(c);
        expect(epoch.equals(after.path("epoch").asText()) && after.path("offset").asLong() >= event.path("offset").asLong(),
                "the latest state still in epoch " + epoch + ", at the event's offset or later", after.toString());
    }

    private static void noOptIn(CaseContext c) throws Exception {
        latestState(c);
        Session withToken = c.open(c.config().token());
        withToken.add(MARKER);
        Session withTicket = c.openWithTicket(c.ticket(c.config().token()));
        withTicket.add(MARKER);
        EventCases.publish(c, MARKER, SampleEvents.json(MARKER));
        for (Session s : List.of(withToken, withTicket)) {
            // receiving checks the message against the seed's server-message schema (Session)
            Received r = EventCases.expectEvent(c, s, MARKER, "on a session that asked for nothing more");
            JsonNode data = r.json().path("data");
            expect(data.path("epoch").isTextual() && data.path("offset").isIntegralNumber(),
                    "data.epoch and data.offset without any opt-in (REC-3)", r.raw());
            List<String> errors = SchemaCheck.errors(SampleEvents.payloadSchemaFile(MARKER), data.path("eventData").toString());
            expect(errors.isEmpty(), "eventData still valid per " + SampleEvents.payloadSchemaFile(MARKER),
                    r.raw() + " violating " + errors);
        }
    }

    private static void everyType(CaseContext c) throws Exception {
        JsonNode before = latestState(c);
        // streamUpdate is left out: its throttle (EVT-9) may replace it, and then it has no offset
        List<EventType> types = EventType.documentedOrder().stream().filter(t -> t != EventType.STREAM_UPDATE).toList();
        Session s = c.open(c.config().token());
        for (EventType t : types) {
            s.add(t);
        }
        List<JsonNode> received = new ArrayList<>();
        for (EventType t : types) {
            EventCases.publish(c, t, SampleEvents.json(t));
            received.add(EventCases.expectEvent(c, s, t, "for the subscribed type").json().path("data"));
        }
        StringBuilder query = new StringBuilder();
        types.forEach(t -> query.append(typeQuery(t)));
        JsonNode page = history(c, before.path("epoch").asText(), before.path("offset").asLong(), query.toString());
        expect(page.path("recovered").asBoolean(false), "recovered: true (the history keeps at least "
                + types.size() + " events back, of any type)", page.toString());
        expect(page.path("events").equals(c.json(received.toString())),
                "exactly the " + types.size() + " events received, one of each type, in order", page.path("events").toString());
    }

    private static void malformedQueries(CaseContext c) throws Exception {
        JsonNode state = latestState(c);
        String epoch = RecoveryApi.EPOCH_PARAM + "=" + state.path("epoch").asText();
        expectMalformed(c, RecoveryApi.HISTORY_PATH + "?" + RecoveryApi.SINCE_PARAM + "=0", RecoveryApi.EPOCH_PARAM);
        expectMalformed(c, RecoveryApi.HISTORY_PATH + "?" + epoch, RecoveryApi.SINCE_PARAM);
        expectMalformed(c, RecoveryApi.HISTORY_PATH + "?" + epoch + "&" + RecoveryApi.SINCE_PARAM + "=0"
                + "&" + RecoveryApi.TYPE_PARAM + "=conformanceNoSuchType", RecoveryApi.TYPE_PARAM);
    }

    private static void expectMalformed(CaseContext c, String pathAndQuery, String parameter) throws IOException {
        HttpResponse r = get(c, pathAndQuery);
        JsonNode error = c.json(r.bodyText()).path("error");
        expect(r.status() == ApiError.AP2.status() && ApiError.AP2.code().equals(error.path("code").asText())
                        && error.path("message").asText().contains(parameter),
                "400 AP2 with a message naming " + parameter, r.summary());
    }

    private static void headers(CaseContext c) throws Exception {
        JsonNode state = latestState(c);
        String history = RecoveryApi.HISTORY_PATH + "?" + RecoveryApi.EPOCH_PARAM + "=" + state.path("epoch").asText()
                + "&" + RecoveryApi.SINCE_PARAM + "=" + state.path("offset").asLong();
        for (String path : List.of(RecoveryApi.LATEST_PATH, history)) {
            List<HttpResponse> answers = List.of(get(c, path), c.http().exchange("GET", path, List.of(), null),
                    c.http().exchange("GET", path, bearer(TicketEndpointCases.unknownToken()), null));
            for (HttpResponse r : answers) {
                TicketEndpointCases.expectJsonContentType(r);
                TicketEndpointCases.expectNoStore(r);
                TicketEndpointCases.expectCorsHeaders(r);
            }
            TicketEndpointCases.expectPreflight(c, path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        }
    }

    private static void rateLimited(CaseContext c) throws Exception {
        latestState(c);
        // with its ticket budget spent, the token must still get its whole budget here
        TicketEndpointCases.exhaust(c);
        List<Map.Entry<String, String>> token = bearer(c.config().rateLimitToken());
        int accepted = 0;
        HttpResponse refusal = null;
        for (int i = 0; i <= Limits.TICKET_REQUESTS_PER_MINUTE && refusal == null; i++) {
            HttpResponse r = c.http().exchange("GET", RecoveryApi.LATEST_PATH, token, null);
            if (r.status() == 200) {
                accepted++;
            } else {
                refusal = r;
            }
        }
        expect(accepted == Limits.TICKET_REQUESTS_PER_MINUTE && refusal != null,
                Limits.TICKET_REQUESTS_PER_MINUTE + " requests accepted though the token's tickets are spent, then a"
                        + " refusal (the token must not have been used here in the last minute)",
                accepted + " accepted, then " + (refusal == null ? "no refusal" : refusal.summary()));
        TicketEndpointCases.expectApiError(c, refusal, ApiError.RL4);
        TicketEndpointCases.expectRetryAfter(refusal);
    }

    /**
     * REC-9's client against events published all the while: the history answer plus the live
     * events after its offset must be every event published, none missing, none out of order.
     */
    private static void noGapAtTheSeam(CaseContext c) throws Exception {
        JsonNode before = latestState(c);
        String epoch = before.path("epoch").asText();
        long since = before.path("offset").asLong();
        JsonNode page;
        Session s;
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        try (CaseContext own = new CaseContext(c.state())) {
            Future<?> publishing = publisher.submit(() -> {
                for (int i = 0; i < SEAM_EVENTS; i++) {
                    EventCases.publish(own, MARKER, SampleEvents.json(MARKER));
                }
                return null;
            });
            s = c.open(c.config().token());
            s.add(MARKER);
            page = history(c, epoch, since, typeQuery(MARKER));
            publishing.get(PUBLISHING_WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            publisher.shutdownNow();
        }
        expect(page.path("recovered").asBoolean(false), "recovered: true", page.toString());
        JsonNode published = history(c, epoch, since, typeQuery(MARKER)).path("events");
        expect(published.size() >= SEAM_EVENTS, "at least the " + SEAM_EVENTS + " events published in the history",
                published.size() + " events");
        Map<Long, JsonNode> handled = new LinkedHashMap<>();
        page.path("events").forEach(e -> handled.put(e.path("offset").asLong(), e));
        long answered = page.path("offset").asLong();
        long last = published.get(published.size() - 1).path("offset").asLong();
        long previousLive = 0;
        while (!handled.containsKey(last)) {
            Received r = s.nextEvent(c.config().replyTimeout());
            expect(r != null, "every event after the history answer's offset " + answered + " live, up to offset "
                    + last, "none after offsets " + handled.keySet());
            JsonNode data = r.json().path("data");
            long offset = data.path("offset").asLong();
            expect(((Event) r.message()).eventType() == MARKER && offset > previousLive,
                    "live " + MARKER + " events in offset order", r.raw() + " after offset " + previousLive);
            previousLive = offset;
            expect(offset > answered || data.equals(handled.get(offset)),
                    "a live event at or before the answer's offset " + answered + " to be in the answer (REC-9)", r.raw());
            handled.putIfAbsent(offset, data);
        }
        List<JsonNode> merged = new ArrayList<>(handled.values());
        merged.sort((a, b) -> Long.compare(a.path("offset").asLong(), b.path("offset").asLong()));
        expect(published.equals(c.json(merged.toString())),
                "the history answer plus the later live events to be exactly the events published", "answer "
                        + page.path("events") + " and live up to " + last + " giving " + merged);
    }

    private static void notOverTheWebSocket(CaseContext c) throws Exception {
        JsonNode state = latestState(c);
        Session s = c.open(c.config().token());
        s.expectInvalid("{\"type\":\"history\",\"data\":{\"epoch\":" + c.quoteJson(state.path("epoch").asText())
                + ",\"since\":0}}", InvalidReason.MALFORMED);
        s.expectInvalid("{\"type\":\"latest\",\"data\":{}}", InvalidReason.MALFORMED);
    }

    private static String typeQuery(EventType type) {
        return "&" + RecoveryApi.TYPE_PARAM + "=" + type.wireName();
    }
}
