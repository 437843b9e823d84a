package dev.neuroinfo.ws.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypeTest {
    @Test
    void theNineNamesStandInTheDocumentedOrder() {
        List<String> names = EventType.documentedOrder().stream().map(EventType::wireName).toList();
        assertEquals(List.of("scheduleUpdate", "subathonUpdate", "subathonGoalUpdate", "streamOnline",
                "streamUpdate", "streamOffline", "secretneuroaccountOnline", "streamRaidIncoming",
                "streamRaidOutgoing"), names);
    }

    @Test
    void lookupIsExactAndCaseSensitive() {
        for (EventType type : EventType.values()) {
            assertEquals(type, EventType.fromWireName(type.wireName()).orElseThrow());
        }
        assertTrue(EventType.fromWireName("StreamOnline").isEmpty());
        assertTrue(EventType.fromWireName("streamonline").isEmpty());
        assertTrue(EventType.fromWireName(" streamOnline").isEmpty());
        assertTrue(EventType.fromWireName("").isEmpty());
        assertTrue(EventType.fromWireName(null).isEmpty());
    }

    @Test
    void catalogueTextsAreTheDocumentedOnes() {
        assertEquals("Connection limit reached (max 5)", HandshakeError.CONNECTION_LIMIT.body());
        assertEquals(429, HandshakeError.CONNECTION_LIMIT.status());
        assertEquals("Rate limit exceeded: Maximum 100 requests per minute", ApiError.RL4.message());
        assertEquals(7, java.util.Arrays.stream(HandshakeError.values()).filter(HandshakeError::documented).count());
        assertEquals(7, InvalidReason.values().length);
        assertEquals("Connect with ws://127.0.0.1:8081/api/ws?ticket=<ticket>",
                TicketResponse.usageFor("ws://127.0.0.1:8081/api/ws"));
    }
}
