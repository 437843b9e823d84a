package dev.neuroinfo.ws.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.InvalidReason;
import dev.neuroinfo.ws.protocol.message.AddEvent;
import dev.neuroinfo.ws.protocol.message.Auth;
import dev.neuroinfo.ws.protocol.message.ClientMessage;
import dev.neuroinfo.ws.protocol.message.ListEventsRequest;
import dev.neuroinfo.ws.protocol.message.RemoveEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The classification of client frames, row by row as docs/protocol.md gives it. */
class ClientDecodingTest {
    private final MessageCodec codec = new MessageCodec();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all|malformed",
            "''|malformed",
            "[]|malformed",
            "[{\"type\":\"listEvents\"}]|malformed",
            "42|malformed",
            "\"listEvents\"|malformed",
            "null|malformed",
            "true|malformed",
            "{}|malformed",
            "{\"data\":{}}|malformed",
            "{\"type\":null}|malformed",
            "{\"type\":42}|malformed",
            "{\"type\":[\"addEvent\"]}|malformed",
            "{\"type\":\"subscribe\"}|malformed",
            "{\"type\":\"AddEvent\",\"data\":{\"eventType\":\"streamOnline\"}}|malformed",
            "{\"type\":\"welcome\",\"data\":{\"sessionId\":\"x\"}}|malformed",
            "{\"type\":\"listEvents\"} trailing|malformed",
            "{\"type\":\"listEvents\",\"type\":\"addEvent\"}|malformed",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\",\"eventType\":\"streamOffline\"}}|malformed",
            "{\"type\":\"addEvent\"}|missingEventtype",
            "{\"type\":\"addEvent\",\"data\":null}|missingEventtype",
            "{\"type\":\"addEvent\",\"data\":\"streamOnline\"}|missingEventtype",
            "{\"type\":\"addEvent\",\"data\":[\"streamOnline\"]}|missingEventtype",
            "{\"type\":\"addEvent\",\"data\":{}}|missingEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":null}}|missingEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"\"}}|missingEventtype",
            "{\"type\":\"removeEvent\",\"data\":{}}|missingEventtype",
            "{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"\"}}|missingEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"StreamOnline\"}}|invalidEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamonline\"}}|invalidEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"nope\"}}|invalidEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":\" \"}}|invalidEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":42}}|invalidEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":true}}|invalidEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":[\"streamOnline\"]}}|invalidEventtype",
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":{}}}|invalidEventtype",
            "{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"STREAMONLINE\"}}|invalidEventtype",
            "{\"type\":\"auth\"}|missingToken",
            "{\"type\":\"auth\",\"data\":{}}|missingToken",
            "{\"type\":\"auth\",\"data\":{\"token\":\"\"}}|missingToken",
            "{\"type\":\"auth\",\"data\":{\"token\":null}}|missingToken",
            "{\"type\":\"auth\",\"data\":null}|missingToken",
            "{\"type\":\"auth\",\"data\":{\"token\":42}}|invalidToken",
    })
    void rejectsWithTheDocumentedReason(String frame, String reason) {
        ClientDecoding result = codec.decodeClient(frame);
        ClientDecoding.Rejected rejected = assertInstanceOf(ClientDecoding.Rejected.class, result, frame);
        assertEquals(InvalidReason.fromWireValue(reason).orElseThrow(), rejected.reason(), frame);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"listEvents\",\"data\":{}}",
            "{\"type\":\"listEvents\"}",
            "{\"type\":\"listEvents\",\"data\":{},\"id\":7}",
            "  {\"type\":\"listEvents\"}\n",
    })
    void acceptsListEventsInItsForms(String frame) {
        assertEquals(new ListEventsRequest(), decoded(frame));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\"}}|addEvent|streamOnline",
            "{\"data\":{\"eventType\":\"streamRaidOutgoing\",\"x\":1},\"type\":\"removeEvent\"}|removeEvent|streamRaidOutgoing",
    })
    void acceptsSubscriptionMessagesIgnoringExtraMembers(String frame, String type, String eventType) {
        EventType expected = EventType.fromWireName(eventType).orElseThrow();
        ClientMessage message = decoded(frame);
        assertEquals(type.equals("addEvent") ? new AddEvent(expected) : new RemoveEvent(expected), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scheduleUpdate", "subathonUpdate", "subathonGoalUpdate", "streamOnline", "streamUpdate",
            "streamOffline", "secretneuroaccountOnline", "streamRaidIncoming", "streamRaidOutgoing"})
    void everyEventTypeCanBeSubscribed(String name) {
        assertEquals(new AddEvent(EventType.fromWireName(name).orElseThrow()),
                decoded("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"" + name + "\"}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"auth\",\"data\":{\"token\":\"abc\"}}"})
    void decodesAuthAndHidesTheToken(String frame) {
        Auth auth = assertInstanceOf(Auth.class, decoded(frame));
        assertEquals("abc", auth.token());
        assertEquals("Auth[token=***]", auth.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"addEvent\",\"data\":{}}", "{\"type\":\"auth\"}", "{\"type\":\"nope\"}"})
    void remembersTheTypeOfARejectedFrame(String frame) {
        ClientDecoding.Rejected rejected = assertInstanceOf(ClientDecoding.Rejected.class, codec.decodeClient(frame));
        assertEquals(codec.parse(frame).orElseThrow().get("type").textValue(), rejected.type());
    }

    private ClientMessage decoded(String frame) {
        return assertInstanceOf(ClientDecoding.Decoded.class, codec.decodeClient(frame), frame).message();
    }
}
