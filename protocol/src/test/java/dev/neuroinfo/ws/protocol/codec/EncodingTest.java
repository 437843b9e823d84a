package dev.neuroinfo.ws.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.InvalidReason;
import dev.neuroinfo.ws.protocol.SamplePayloads;
import dev.neuroinfo.ws.protocol.TicketResponse;
import dev.neuroinfo.ws.protocol.message.AddEvent;
import dev.neuroinfo.ws.protocol.message.AddSuccess;
import dev.neuroinfo.ws.protocol.message.Auth;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.message.EventId;
import dev.neuroinfo.ws.protocol.message.Invalid;
import dev.neuroinfo.ws.protocol.message.ListEventsReply;
import dev.neuroinfo.ws.protocol.message.ListEventsRequest;
import dev.neuroinfo.ws.protocol.message.RemoveEvent;
import dev.neuroinfo.ws.protocol.message.RemoveSuccess;
import dev.neuroinfo.ws.protocol.message.ServerMessage;
import dev.neuroinfo.ws.protocol.message.Welcome;
import dev.neuroinfo.ws.protocol.payload.ScheduleUpdate;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.SubathonUpdate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Encoding gives the exact wire JSON of the API documentation. */
class EncodingTest {
    private final MessageCodec codec = new MessageCodec();

    @Test
    void serverMessagesAsDocumented() {
        assertEquals("{\"type\":\"welcome\",\"data\":{\"sessionId\":\"a1b2c3d4\"}}", codec.encode(new Welcome("a1b2c3d4")));
        assertEquals("{\"type\":\"event\",\"data\":{\"eventType\":\"scheduleUpdate\",\"eventData\":"
                        + "{\"year\":2026,\"week\":8,\"schedule\":[],\"isFinal\":true},\"timestamp\":1766924114000}}",
                codec.encode(new Event(EventType.SCHEDULE_UPDATE, new ScheduleUpdate(2026, 8, List.of(), true),
                        1766924114000L)));
        assertEquals("{\"type\":\"addSuccess\",\"data\":{\"eventType\":\"streamOnline\",\"subscribed\":true}}",
                codec.encode(new AddSuccess(EventType.STREAM_ONLINE, true)));
        assertEquals("{\"type\":\"removeSuccess\",\"data\":{\"eventType\":\"streamOnline\",\"unsubscribed\":true}}",
                codec.encode(new RemoveSuccess(EventType.STREAM_ONLINE, true)));
        assertEquals("{\"type\":\"listEvents\",\"data\":{\"subscribedEvents\":[\"streamOnline\"],\"availableEvents\":"
                        + "[\"scheduleUpdate\",\"subathonUpdate\",\"subathonGoalUpdate\",\"streamOnline\",\"streamUpdate\","
                        + "\"streamOffline\",\"secretneuroaccountOnline\",\"streamRaidIncoming\",\"streamRaidOutgoing\"]}}",
                codec.encode(new ListEventsReply(List.of(EventType.STREAM_ONLINE), EventType.documentedOrder())));
        assertEquals("{\"type\":\"invalid\",\"data\":{\"reason\":\"malformed\",\"message\":\"Could not parse message.\"}}",
                codec.encode(Invalid.of(InvalidReason.MALFORMED)));
    }

    @Test
    void clientMessagesAsDocumented() {
        assertEquals("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\"}}",
                codec.encode(new AddEvent(EventType.STREAM_ONLINE)));
        assertEquals("{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"streamOnline\"}}",
                codec.encode(new RemoveEvent(EventType.STREAM_ONLINE)));
        assertEquals("{\"type\":\"listEvents\",\"data\":{}}", codec.encode(new ListEventsRequest()));
        assertEquals("{\"type\":\"auth\",\"data\":{\"token\":\"t\"}}", codec.encode(new Auth("t")));
    }

    @Test
    void restBodiesAsDocumented() {
        assertEquals("{\"error\":{\"code\":\"AU1\",\"message\":\"Missing or invalid authorization header\"}}",
                codec.encodeApiError(ApiError.AU1));
        assertEquals("{\"data\":{\"ticket\":\"f8c8e16a\",\"expiresIn\":30,\"usage\":"
                        + "\"Connect with wss://neuro.appstun.net/api/ws?ticket=<ticket>\"}}",
                codec.encodeTicketResponse(new TicketResponse("f8c8e16a", 30,
                        TicketResponse.usageFor("wss://neuro.appstun.net/api/ws"))));
    }

    @Test
    void payloadFieldsUseTheWireNames() {
        assertEquals("{\"isLive\":false}", codec.encodePayload(new StreamOffline()));
        String online = codec.encodePayload(SamplePayloads.streamOnline());
        assertEquals("{\"isLive\":true,\"id\":\"331913732989\",\"title\":\"NEUROSLOP EVIL WASN'T BASED ENOUGH TO DO IT\","
                + "\"game\":{\"id\":\"509658\",\"name\":\"Just Chatting\"},\"language\":\"en\",\"tags\":[\"English\","
                + "\"Programming\",\"Chatting\",\"Singing\",\"Vtuber\"],\"isMature\":false,\"viewerCount\":5799,"
                + "\"startedAt\":1764500000000,\"thumbnailUrl\":"
                + "\"https://static-cdn.jtvnw.net/previews-ttv/live_user_vedal987-{width}x{height}.jpg\"}", online);
    }

    @Test
    void endTimestampHasThreeStates() {
        SubathonUpdate sample = SamplePayloads.subathonUpdate();
        SubathonUpdate absent = new SubathonUpdate(sample.year(), sample.name(), sample.subcount(), Map.of(), false,
                null, null);
        SubathonUpdate ended = new SubathonUpdate(sample.year(), sample.name(), sample.subcount(), Map.of(), false,
                null, Optional.of(1765000000000L));
        assertEquals(true, codec.encodePayload(sample).endsWith("\"startTimestamp\":1764500000000,\"endTimestamp\":null}"));
        assertEquals(false, codec.encodePayload(absent).contains("Timestamp"));
        assertEquals(true, codec.encodePayload(ended).endsWith("\"endTimestamp\":1765000000000}"));
        for (SubathonUpdate update : List.of(sample, absent, ended)) {
            assertEquals(update, roundTrip(EventType.SUBATHON_UPDATE, update));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventRoundTripsThroughServerDecoding(EventType type) {
        Event event = new Event(type, SamplePayloads.of(type), 1766924114000L);
        ServerDecoding decoded = codec.decodeServer(codec.encode(event));
        assertEquals(event, assertInstanceOf(ServerDecoding.Decoded.class, decoded, decoded.toString()).message());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void anIdAddedToTheTextIsTheTextOfTheEventWithTheId(EventType type) {
        Event event = new Event(type, SamplePayloads.of(type), 1766924114000L);
        EventId id = new EventId("Ep-0_z", 9_007_199_254_740_993L);

        assertEquals(codec.encode(event.withId(id)), codec.withId(codec.encode(event), id));
    }

    @Test
    void onlyTheTextOfAnEventTakesAnId() {
        EventId id = new EventId("e", 1);
        for (String text : List.of(codec.encode(new Welcome("s")), "", "{}", "{\"type\":\"event\",\"data\":{\"eventType\":")) {
            assertThrows(IllegalArgumentException.class, () -> codec.withId(text, id), text);
        }
    }

    private Object roundTrip(EventType type, dev.neuroinfo.ws.protocol.payload.EventPayload payload) {
        PayloadDecoding decoded = codec.decodePayload(type, codec.encodePayload(payload));
        return assertInstanceOf(PayloadDecoding.Decoded.class, decoded, decoded.toString()).payload();
    }

    @Test
    void everyServerMessageRoundTrips() {
        for (ServerMessage message : List.of(new Welcome("s"), new AddSuccess(EventType.STREAM_UPDATE, false),
                new RemoveSuccess(EventType.STREAM_OFFLINE, true), Invalid.of(InvalidReason.AUTH_ERROR),
                new ListEventsReply(List.of(), EventType.documentedOrder()))) {
            assertEquals(message, ((ServerDecoding.Decoded) codec.decodeServer(codec.encode(message))).message());
        }
    }
}
