package dev.neuroinfo.ws.conformance;

import static dev.neuroinfo.ws.conformance.CaseContext.expect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.wire.HttpResponse;
import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.message.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Event delivery (docs/protocol.md section 6) and the admin API that publishes (section 10).
 * Absence of a delivery is shown with a marker: an event of another subscribed type published
 * afterwards must arrive with nothing unexpected before it.
 */
final class EventCases {
    private static final EventType MARKER = EventType.STREAM_OFFLINE;
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final Duration THROTTLE_QUIET = Limits.STREAM_UPDATE_INTERVAL.multipliedBy(2).plusMillis(500);
    private static final Set<Need> PUBLISH = Set.of(Need.PUBLISHER);
    private static final int BURST = 5;

    private EventCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.of("EVT-1a", "a subscriber gets event {eventType, eventData, timestamp}", PUBLISH,
                        EventCases::delivered),
                ConformanceCase.of("EVT-2a", "an event reaches its subscribers exactly once and no one else", PUBLISH,
                        EventCases::onlySubscribers),
                ConformanceCase.of("SES-7b", "after removeSuccess the type is no longer delivered", PUBLISH,
                        EventCases::removedNotDelivered),
                ConformanceCase.of("EVT-3a", "an event published right after addSuccess is delivered", PUBLISH,
                        EventCases::subscribedBeforeReply),
                ConformanceCase.of("EVT-4a", "all nine types round-trip with schema-valid, unchanged eventData", PUBLISH,
                        EventCases::allNine),
                ConformanceCase.of("EVT-5a", "timestamp is an integer of epoch milliseconds near the publish time",
                        PUBLISH, EventCases::timestamp),
                ConformanceCase.of("EVT-6a", "timestamp equals the admin API's and is the same for every recipient",
                        Set.of(Need.ADMIN_TOKEN), EventCases::sameTimestamp),
                ConformanceCase.of("EVT-7a", "events arrive in publish order", PUBLISH, EventCases::order),
                ConformanceCase.of("EVT-8a", "a streamUpdate burst is broadcast at most once per 2 s", PUBLISH,
                        EventCases::throttleSpacing),
                ConformanceCase.of("EVT-9a", "a burst: first at once, replaced ones dropped, last one arrives", PUBLISH,
                        EventCases::throttleLatest),
                ConformanceCase.of("EVT-10a", "other types are not throttled: three quick events all arrive", PUBLISH,
                        EventCases::notThrottled),
                ConformanceCase.of("ADM-1a", "the admin API refuses an API token (AU2) and a missing header (AU1)",
                        Set.of(Need.ADMIN_TOKEN), EventCases::adminAuth),
                ConformanceCase.of("ADM-2a", "a published event is answered 202 {data: {eventType, timestamp}}",
                        Set.of(Need.ADMIN_TOKEN), EventCases::adminAccepted),
                ConformanceCase.of("ADM-3a", "invalid eventData is answered 400 AP2 naming the member",
                        Set.of(Need.ADMIN_TOKEN), EventCases::adminRejects));
    }

    static OptionalLong publish(CaseContext c, EventType type, String json) throws Exception {
        if (type == EventType.STREAM_UPDATE) {
            awaitThrottleQuiet(c);
            c.state().streamUpdatePublished();
        }
        return c.events().publish(type, json, c);
    }

    /** Lets any throttle window opened by an earlier streamUpdate of the suite end. */
    private static void awaitThrottleQuiet(CaseContext c) throws InterruptedException {
        long wait = c.state().lastStreamUpdateNanos() + THROTTLE_QUIET.toNanos() - System.nanoTime();
        if (wait > 0) {
            c.log("(waiting " + wait / 1_000_000 + " ms for the streamUpdate window of an earlier case to end)");
            Thread.sleep(wait / 1_000_000);
        }
    }

    /** The next event, which must be of {@code type}; fails on timeout or another event. */
    static Received expectEvent(CaseContext c, Session s, EventType type, String why) {
        Received r = s.nextEvent(c.config().replyTimeout());
        expect(r != null, "a " + type + " event " + why, "no event within " + c.config().replyTimeout().toMillis() + " ms");
        expect(((Event) r.message()).eventType() == type, "a " + type + " event " + why, r.raw());
        return r;
    }

    private static void delivered(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.add(MARKER);
        publish(c, MARKER, SampleEvents.json(MARKER));
        Received r = expectEvent(c, s, MARKER, "for the subscribed type");
        JsonNode data = r.json().path("data");
        expect(data.has("eventType") && data.has("eventData") && data.has("timestamp"),
                "data with eventType, eventData and timestamp", r.raw());
    }

    private static void onlySubscribers(CaseContext c) throws Exception {
        EventType x = EventType.STREAM_RAID_OUTGOING;
        Session a = c.open(c.config().token());
        a.add(x);
        a.add(MARKER);
        Session b = c.open(c.config().token());
        b.add(MARKER);
        publish(c, x, SampleEvents.json(x));
        publish(c, MARKER, SampleEvents.json(MARKER));
        expectEvent(c, a, x, "on the subscribed connection");
        expectEvent(c, a, MARKER, "next (the " + x + " event exactly once)");
        expectEvent(c, b, MARKER, "first on the connection not subscribed to " + x);
        for (Session s : List.of(a, b)) {
            s.expectUsable();
            expect(s.pendingEvents().isEmpty(), "no further events", s.pendingEvents().toString());
        }
    }

    private static void removedNotDelivered(CaseContext c) throws Exception {
        EventType x = EventType.STREAM_RAID_INCOMING;
        Session s = c.open(c.config().token());
        s.add(x);
        s.add(MARKER);
        s.remove(x);
        publish(c, x, SampleEvents.json(x));
        publish(c, MARKER, SampleEvents.json(MARKER));
        expectEvent(c, s, MARKER, "first: the removed " + x + " is not delivered");
    }

    private static void subscribedBeforeReply(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.add(EventType.SUBATHON_GOAL_UPDATE);
        publish(c, EventType.SUBATHON_GOAL_UPDATE, SampleEvents.json(EventType.SUBATHON_GOAL_UPDATE));
        expectEvent(c, s, EventType.SUBATHON_GOAL_UPDATE, "published right after addSuccess");
    }

    private static void allNine(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        for (EventType t : EventType.documentedOrder()) {
            s.add(t);
        }
        for (EventType t : EventType.documentedOrder()) {
            publish(c, t, SampleEvents.json(t));
            Received r = expectEvent(c, s, t, "after publishing it");
            JsonNode sent = c.json(SampleEvents.json(t));
            JsonNode got = r.json().path("data").path("eventData");
            expect(sent.equals(got), "eventData exactly as published: " + sent, got.toString());
            List<String> errors = SchemaCheck.errors(SampleEvents.payloadSchemaFile(t), got.toString());
            expect(errors.isEmpty(), "eventData valid per " + SampleEvents.payloadSchemaFile(t), errors.toString());
        }
    }

    private static void timestamp(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.add(MARKER);
        long before = System.currentTimeMillis();
        publish(c, MARKER, SampleEvents.json(MARKER));
        Received r = expectEvent(c, s, MARKER, "after publishing it");
        long after = System.currentTimeMillis();
        JsonNode ts = r.json().path("data").path("timestamp");
        expect(ts.isIntegralNumber(), "an integer timestamp", r.raw());
        long value = ts.longValue();
        expect(value >= before - CLOCK_SKEW.toMillis() && value <= after + CLOCK_SKEW.toMillis(),
                "epoch milliseconds between " + (before - CLOCK_SKEW.toMillis()) + " and " + (after + CLOCK_SKEW.toMillis())
                        + " (publish time +/- " + CLOCK_SKEW.toSeconds() + " s of clock skew)", String.valueOf(value));
    }

    private static void sameTimestamp(CaseContext c) throws Exception {
        Session a = c.open(c.config().token());
        Session b = c.open(c.config().token());
        a.add(MARKER);
        b.add(MARKER);
        OptionalLong accepted = new AdminApiSource(c.config().adminToken()).publish(MARKER, SampleEvents.json(MARKER), c);
        long ta = ((Event) expectEvent(c, a, MARKER, "on the first connection").message()).timestamp();
        long tb = ((Event) expectEvent(c, b, MARKER, "on the second connection").message()).timestamp();
        expect(accepted.isPresent() && accepted.getAsLong() == ta && ta == tb,
                "one timestamp: the 202's " + accepted, "connection timestamps " + ta + " and " + tb);
    }

    private static void order(CaseContext c) throws Exception {
        List<EventType> sequence = List.of(EventType.SCHEDULE_UPDATE, EventType.SUBATHON_UPDATE,
                EventType.SUBATHON_GOAL_UPDATE, EventType.STREAM_RAID_INCOMING, EventType.STREAM_RAID_OUTGOING,
                EventType.STREAM_OFFLINE, EventType.STREAM_ONLINE);
        Session s = c.open(c.config().token());
        for (EventType t : sequence) {
            s.add(t);
        }
        for (EventType t : sequence) {
            publish(c, t, SampleEvents.json(t));
        }
        List<EventType> got = new ArrayList<>();
        for (int i = 0; i < sequence.size(); i++) {
            Received r = s.nextEvent(c.config().replyTimeout());
            expect(r != null, "events in publish order " + sequence, "only " + got);
            got.add(((Event) r.message()).eventType());
        }
        expect(got.equals(sequence), "events in publish order " + sequence, got.toString());
    }

    /** What one burst of streamUpdates showed a subscriber. */
    record Burst(List<String> published, long publishNanos, long publishDoneNanos, List<String> titles,
                 List<Long> arrivals, List<String> wire) {
    }

    private static Burst burst(CaseContext c) throws Exception {
        Burst b = c.state().probe("stream-update-burst", () -> {
            try (CaseContext own = new CaseContext(c.state())) {
                Session s = own.open(c.config().token());
                s.add(EventType.STREAM_UPDATE);
                String run = Long.toHexString(System.nanoTime());
                List<String> published = new ArrayList<>();
                awaitThrottleQuiet(own);
                long start = System.nanoTime();
                for (int i = 1; i <= BURST; i++) {
                    String title = "conformance burst " + run + " #" + i;
                    published.add(title);
                    c.state().streamUpdatePublished();
                    own.events().publish(EventType.STREAM_UPDATE, SampleEvents.streamUpdateTitled(title), own);
                }
                long done = System.nanoTime();
                List<String> titles = new ArrayList<>();
                List<Long> arrivals = new ArrayList<>();
                Duration bound = Limits.STREAM_UPDATE_INTERVAL.multipliedBy(BURST).plusSeconds(2);
                long deadline = System.nanoTime() + bound.toNanos();
                while (!titles.contains(published.get(BURST - 1)) && System.nanoTime() < deadline) {
                    Received r = s.nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                    if (r == null) {
                        break;
                    }
                    titles.add(r.json().path("data").path("eventData").path("title").asText());
                    arrivals.add(r.arrivalNanos());
                }
                // Any update still pending would come within one more window; it must not be a stale one.
                Received late = s.nextEvent(Limits.STREAM_UPDATE_INTERVAL.plusMillis(500));
                if (late != null) {
                    titles.add(late.json().path("data").path("eventData").path("title").asText());
                    arrivals.add(late.arrivalNanos());
                }
                c.state().streamUpdatePublished();
                return new Burst(published, start, done, titles, arrivals, own.transcript().tail());
            }
        }).get();
        b.wire().forEach(line -> c.log("(burst) " + line));
        return b;
    }

    private static String timeline(Burst b) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < b.titles().size(); i++) {
            parts.add("#" + b.titles().get(i).replaceAll(".*#", "") + " at +"
                    + (b.arrivals().get(i) - b.publishNanos()) / 1_000_000 + " ms");
        }
        return "published " + BURST + " in " + (b.publishDoneNanos() - b.publishNanos()) / 1_000_000
                + " ms; arrivals " + parts;
    }

    private static void throttleSpacing(CaseContext c) throws Exception {
        Burst b = burst(c);
        // Arrival spacing can shrink by network jitter only; 300 ms is far beyond local jitter.
        long minimum = Limits.STREAM_UPDATE_INTERVAL.toMillis() - 300;
        for (int i = 1; i < b.arrivals().size(); i++) {
            long gap = (b.arrivals().get(i) - b.arrivals().get(i - 1)) / 1_000_000;
            expect(gap >= minimum, "consecutive streamUpdate arrivals at least " + minimum + " ms apart", timeline(b));
        }
        expect(!b.arrivals().isEmpty(), "at least one streamUpdate delivered", timeline(b));
    }

    private static void throttleLatest(CaseContext c) throws Exception {
        Burst b = burst(c);
        expect(!b.titles().isEmpty() && b.titles().get(0).equals(b.published().get(0))
                        && (b.arrivals().get(0) - b.publishNanos()) < Limits.STREAM_UPDATE_INTERVAL.toNanos() / 2,
                "the first update (#1) delivered at once", timeline(b));
        expect(b.titles().get(b.titles().size() - 1).equals(b.published().get(BURST - 1)),
                "the last update (#" + BURST + ") delivered last", timeline(b));
        boolean withinOneWindow = b.publishDoneNanos() - b.publishNanos() < Limits.STREAM_UPDATE_INTERVAL.toNanos() / 2;
        if (withinOneWindow) {
            expect(b.titles().size() == 2, "exactly #1 and #" + BURST + ": the others were replaced while pending",
                    timeline(b));
        }
    }

    private static void notThrottled(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.add(EventType.STREAM_RAID_INCOMING);
        for (int i = 0; i < 3; i++) {
            publish(c, EventType.STREAM_RAID_INCOMING, SampleEvents.json(EventType.STREAM_RAID_INCOMING));
        }
        for (int i = 1; i <= 3; i++) {
            expectEvent(c, s, EventType.STREAM_RAID_INCOMING, "number " + i + " of 3, within "
                    + c.config().replyTimeout().toMillis() + " ms");
        }
    }

    private static void adminAuth(CaseContext c) throws Exception {
        String body = "{\"eventType\":\"" + MARKER.wireName() + "\",\"eventData\":" + SampleEvents.json(MARKER) + "}";
        HttpResponse withApiToken = c.http().exchange("POST", AdminApiSource.PATH, List.of(
                Map.entry("Authorization", "Bearer " + c.config().token()),
                Map.entry("Content-Type", "application/json")), body);
        TicketEndpointCases.expectApiError(c, withApiToken, ApiError.AU2);
        HttpResponse without = c.http().exchange("POST", AdminApiSource.PATH,
                List.of(Map.entry("Content-Type", "application/json")), body);
        TicketEndpointCases.expectApiError(c, without, ApiError.AU1);
    }

    private static void adminAccepted(CaseContext c) throws Exception {
        long before = System.currentTimeMillis();
        HttpResponse r = new AdminApiSource(c.config().adminToken()).post(MARKER.wireName(), SampleEvents.json(MARKER), c);
        expect(r.status() == 202, "202", r.summary());
        JsonNode data = c.json(r.bodyText()).path("data");
        expect(MARKER.wireName().equals(data.path("eventType").asText(null)) && data.path("timestamp").isIntegralNumber()
                        && data.path("timestamp").longValue() >= before - CLOCK_SKEW.toMillis(),
                "{\"data\":{\"eventType\":\"" + MARKER.wireName() + "\",\"timestamp\":<ms>}}", r.summary());
    }

    private static void adminRejects(CaseContext c) throws Exception {
        HttpResponse r = new AdminApiSource(c.config().adminToken()).post(EventType.STREAM_RAID_INCOMING.wireName(),
                "{\"channel\":{\"displayName\":\"A\",\"name\":\"a\",\"id\":\"1\"},\"viewerCount\":-1}", c);
        expect(r.status() == ApiError.AP2.status(), ApiError.AP2.status() + " " + ApiError.AP2.code(), r.summary());
        JsonNode error = c.json(r.bodyText()).path("error");
        expect(ApiError.AP2.code().equals(error.path("code").asText(null))
                        && error.path("message").asText("").contains("/eventData/viewerCount"),
                "code AP2 and a message naming /eventData/viewerCount", r.summary());
    }
}
