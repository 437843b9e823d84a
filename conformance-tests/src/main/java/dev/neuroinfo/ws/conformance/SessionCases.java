package dev.neuroinfo.ws.conformance;

import static dev.neuroinfo.ws.conformance.CaseContext.expect;

import dev.neuroinfo.ws.wire.Evidence;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.message.ListEventsReply;
import dev.neuroinfo.ws.protocol.message.MessageTypes;
import dev.neuroinfo.ws.protocol.message.RemoveSuccess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A session's requests and replies (docs/protocol.md section 4, GEN-2). */
final class SessionCases {
    private SessionCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.of("SES-1a", "the first message is welcome, valid per schema", Set.of(),
                        c -> c.open(c.config().token())),
                ConformanceCase.of("SES-2a", "sessionId is a non-empty string", Set.of(), SessionCases::sessionIdPresent),
                ConformanceCase.of("SES-3a", "sessionIds are unique across connections", Set.of(), SessionCases::unique),
                ConformanceCase.of("SES-4a", "a new connection is subscribed to nothing", Set.of(), SessionCases::empty),
                ConformanceCase.of("SES-5a", "addEvent is answered addSuccess {eventType, subscribed: true}", Set.of(),
                        c -> c.open(c.config().token()).add(EventType.STREAM_ONLINE)),
                ConformanceCase.of("SES-6a", "adding twice answers subscribed: true and subscribes once", Set.of(),
                        SessionCases::addTwice),
                ConformanceCase.of("SES-7a", "removeEvent is answered removeSuccess {eventType, unsubscribed: true}",
                        Set.of(), SessionCases::remove),
                ConformanceCase.of("SES-8a", "removing an absent subscription answers unsubscribed: true", Set.of(),
                        SessionCases::removeAbsent),
                ConformanceCase.of("SES-9a", "listEvents lists the subscriptions and the nine event types once each",
                        Set.of(), SessionCases::list),
                ConformanceCase.of("SES-10a", "both lists are in documented order", Set.of(), SessionCases::order),
                ConformanceCase.of("SES-11a", "pipelined messages get one reply each, in order", Set.of(),
                        SessionCases::pipelined),
                ConformanceCase.of("SES-12a", "ping, with or without data, is answered pong and changes nothing",
                        Set.of(), SessionCases::ping),
                ConformanceCase.of("GEN-2a", "a message fragmented over three frames is processed", Set.of(),
                        SessionCases::fragmented));
    }

    private static void sessionIdPresent(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        expect(!s.sessionId().isEmpty(), "a non-empty sessionId", Evidence.quote(s.sessionId()));
    }

    private static void unique(CaseContext c) throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            try (Session s = c.open(c.config().token())) {
                expect(ids.add(s.sessionId()), "a new sessionId for every connection",
                        "sessionId " + Evidence.quote(s.sessionId()) + " seen before");
            }
        }
    }

    private static void empty(CaseContext c) throws Exception {
        ListEventsReply reply = c.open(c.config().token()).listEvents();
        expect(reply.subscribedEvents().isEmpty(), "subscribedEvents []", reply.subscribedEvents().toString());
    }

    private static void addTwice(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.add(EventType.STREAM_OFFLINE);
        s.add(EventType.STREAM_OFFLINE);
        ListEventsReply reply = s.listEvents();
        expect(reply.subscribedEvents().equals(List.of(EventType.STREAM_OFFLINE)), "subscribedEvents [streamOffline]",
                reply.subscribedEvents().toString());
    }

    private static void remove(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.add(EventType.STREAM_RAID_INCOMING);
        RemoveSuccess r = s.remove(EventType.STREAM_RAID_INCOMING);
        expect(r.eventType() == EventType.STREAM_RAID_INCOMING && r.unsubscribed(),
                "removeSuccess {eventType: streamRaidIncoming, unsubscribed: true}", r.toString());
        ListEventsReply reply = s.listEvents();
        expect(reply.subscribedEvents().isEmpty(), "subscribedEvents [] after the removal", reply.subscribedEvents().toString());
    }

    private static void removeAbsent(CaseContext c) throws Exception {
        RemoveSuccess r = c.open(c.config().token()).remove(EventType.SCHEDULE_UPDATE);
        expect(r.eventType() == EventType.SCHEDULE_UPDATE && r.unsubscribed(),
                "removeSuccess {eventType: scheduleUpdate, unsubscribed: true}", r.toString());
    }

    private static void list(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.add(EventType.SUBATHON_UPDATE);
        ListEventsReply reply = s.listEvents();
        expect(reply.subscribedEvents().equals(List.of(EventType.SUBATHON_UPDATE)), "subscribedEvents [subathonUpdate]",
                reply.subscribedEvents().toString());
        expect(reply.availableEvents().size() == EventType.documentedOrder().size()
                        && new HashSet<>(reply.availableEvents()).containsAll(EventType.documentedOrder()),
                "availableEvents holding the nine types once each", reply.availableEvents().toString());
    }

    private static void order(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        List<EventType> reversed = new ArrayList<>(EventType.documentedOrder());
        java.util.Collections.reverse(reversed);
        for (EventType t : reversed.subList(0, 4)) {
            s.add(t);
        }
        ListEventsReply reply = s.listEvents();
        List<EventType> expectedSubscribed = new ArrayList<>(reversed.subList(0, 4));
        java.util.Collections.reverse(expectedSubscribed);
        expect(reply.availableEvents().equals(EventType.documentedOrder()), "availableEvents " + EventType.documentedOrder(),
                reply.availableEvents().toString());
        expect(reply.subscribedEvents().equals(expectedSubscribed), "subscribedEvents " + expectedSubscribed
                + " (documented order, not subscription order)", reply.subscribedEvents().toString());
    }

    private static void pipelined(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.send("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\"}}");
        s.send("{\"type\":\"listEvents\",\"data\":{}}");
        s.send("{\"type\":\"addEvent\",\"data\":{}}");
        s.send("{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"streamOnline\"}}");
        s.send("{\"type\":\"listEvents\",\"data\":{}}");
        List<String> expected = List.of(MessageTypes.ADD_SUCCESS, MessageTypes.LIST_EVENTS, MessageTypes.INVALID,
                MessageTypes.REMOVE_SUCCESS, MessageTypes.LIST_EVENTS);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            got.add(s.reply("reply " + (i + 1) + " of " + expected.size() + ": " + expected).type());
        }
        expect(got.equals(expected), "replies " + expected, got.toString());
        s.expectUsable();
    }

    private static void ping(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.add(EventType.STREAM_ONLINE);
        for (String ping : List.of("{\"type\":\"ping\"}", "{\"type\":\"ping\",\"data\":{}}")) {
            s.send(ping);
            s.replyOfType(MessageTypes.PONG, "pong in answer to " + ping);
        }
        ListEventsReply reply = s.listEvents();
        expect(reply.subscribedEvents().equals(List.of(EventType.STREAM_ONLINE)),
                "subscribedEvents [streamOnline] after the pings", reply.subscribedEvents().toString());
    }

    private static void fragmented(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        byte[] whole = "{\"type\":\"listEvents\",\"data\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        s.raw().sendFrame(false, dev.neuroinfo.ws.conformance.wire.RawWebSocket.TEXT, java.util.Arrays.copyOfRange(whole, 0, 5));
        s.raw().sendFrame(false, dev.neuroinfo.ws.conformance.wire.RawWebSocket.CONTINUATION,
                java.util.Arrays.copyOfRange(whole, 5, 15));
        s.raw().sendFrame(true, dev.neuroinfo.ws.conformance.wire.RawWebSocket.CONTINUATION,
                java.util.Arrays.copyOfRange(whole, 15, whole.length));
        s.replyOfType(MessageTypes.LIST_EVENTS, "the listEvents reply to the reassembled message");
    }
}
