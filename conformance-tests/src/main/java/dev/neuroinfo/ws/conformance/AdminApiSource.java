package dev.neuroinfo.ws.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.wire.HttpResponse;
import dev.neuroinfo.ws.protocol.EventType;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Publishes through {@code POST {http}/api/admin/events} (docs/protocol.md ADM-2). */
final class AdminApiSource implements EventSource {
    static final String PATH = "/api/admin/events";

    private final String adminToken;

    AdminApiSource(String adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public OptionalLong publish(EventType type, String eventDataJson, CaseContext context) throws Exception {
        HttpResponse response = post(type.wireName(), eventDataJson, context);
        if (response.status() != 202) {
            throw new CaseFailure("the admin API to accept the event with 202 (ADM-2)", response.summary());
        }
        JsonNode timestamp = context.json(response.bodyText()).path("data").path("timestamp");
        return timestamp.isIntegralNumber() ? OptionalLong.of(timestamp.longValue()) : OptionalLong.empty();
    }

    /** Posts an arbitrary body for the event type and data given, answering the raw response. */
    HttpResponse post(String eventType, String eventDataJson, CaseContext context) throws Exception {
        String body = "{\"eventType\":" + context.quoteJson(eventType) + ",\"eventData\":" + eventDataJson + "}";
        return context.http().exchange("POST", PATH, List.of(
                Map.entry("Authorization", "Bearer " + adminToken),
                Map.entry("Content-Type", "application/json")), body);
    }
}
