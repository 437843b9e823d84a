package dev.neuroinfo.ws.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.message.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Server frames: tolerant of extra members, strict about required ones. */
class ServerDecodingTest {
    private final MessageCodec codec = new MessageCodec();

    @Test
    void toleratesUnknownMembers() {
        ServerDecoding decoded = codec.decodeServer(
                "{\"type\":\"welcome\",\"v\":2,\"data\":{\"sessionId\":\"abc\",\"node\":\"b\"}}");
        assertEquals(new Welcome("abc"), assertInstanceOf(ServerDecoding.Decoded.class, decoded).message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"welcome\",\"data\":{}}|sessionId",
            "{\"type\":\"welcome\"}|data",
            "{\"type\":\"addSuccess\",\"data\":{\"eventType\":\"streamOnline\"}}|subscribed",
            "{\"type\":\"addSuccess\",\"data\":{\"eventType\":\"streamOnline\",\"subscribed\":\"yes\"}}|subscribed",
            "{\"type\":\"removeSuccess\",\"data\":{\"eventType\":\"nope\",\"unsubscribed\":true}}|eventType",
            "{\"type\":\"listEvents\",\"data\":{\"subscribedEvents\":[]}}|availableEvents",
            "{\"type\":\"invalid\",\"data\":{\"reason\":\"weird\",\"message\":\"x\"}}|reason",
            "{\"type\":\"event\",\"data\":{\"eventType\":\"streamOffline\",\"eventData\":{\"isLive\":false}}}|timestamp",
            "{\"type\":\"event\",\"data\":{\"eventType\":\"streamOffline\",\"eventData\":{},\"timestamp\":1}}|isLive",
            "{\"type\":\"event\",\"data\":{\"eventType\":\"streamRaidIncoming\",\"eventData\":{\"viewerCount\":3},\"timestamp\":1}}|channel",
            "{\"type\":\"event\",\"data\":{\"eventType\":\"streamRaidIncoming\",\"eventData\":{\"channel\":{\"displayName\":\"a\",\"name\":\"a\",\"id\":\"1\"},\"viewerCount\":-3},\"timestamp\":1}}|viewerCount",
            "{\"type\":\"event\",\"data\":{\"eventType\":\"scheduleUpdate\",\"eventData\":{\"year\":2025,\"week\":\"8\",\"schedule\":[],\"isFinal\":true},\"timestamp\":1}}|week",
            "{\"type\":\"event\",\"data\":{\"eventType\":\"scheduleUpdate\",\"eventData\":{\"year\":2025,\"week\":8,\"schedule\":[{\"day\":1,\"time\":1,\"message\":\"m\",\"type\":\"Normal\"}],\"isFinal\":true},\"timestamp\":1}}|type",
            "{\"type\":\"mystery\",\"data\":{}}|mystery",
            "[]|object",
            "{|JSON",
    })
    void namesTheMissingOrWrongField(String frame, String field) {
        ServerDecoding.Undecodable undecodable = assertInstanceOf(ServerDecoding.Undecodable.class,
                codec.decodeServer(frame), frame);
        assertTrue(undecodable.problem().contains(field), undecodable.problem() + " should name " + field);
    }

    @Test
    void payloadProblemsNameTheirPath() {
        PayloadDecoding decoded = codec.decodePayload(EventType.SUBATHON_UPDATE,
                "{\"year\":2025,\"name\":\"n\",\"subcount\":1,\"goals\":{\"1000\":{\"name\":\"g\",\"completed\":1,"
                        + "\"reached\":true}},\"isActive\":true}");
        String problem = assertInstanceOf(PayloadDecoding.Undecodable.class, decoded).problem();
        assertTrue(problem.startsWith("goals.1000.completed"), problem);
    }
}
