package dev.neuroinfo.ws.server.http;

import static dev.neuroinfo.ws.server.http.TicketEndpointTest.TICKET;
import static dev.neuroinfo.ws.server.http.TicketEndpointTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.TokenKind;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {
    private static final String EVENTS = "/api/admin/events";
    private static final String TOKENS = "/api/admin/tokens";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RAID = "{\"eventType\":\"streamRaidIncoming\",\"eventData\":{\"channel\":"
            + "{\"displayName\":\"Vedal987\",\"name\":\"vedal987\",\"id\":\"85498365\"},\"viewerCount\":%s}}";

    @TempDir
    Path dataDir;

    private ApiServer server;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(dataDir);
        admin = ApiServer.bearer(server.adminToken());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyAdminEndpointNeedsAnAdminToken() throws Exception {
        String apiToken = ApiServer.bearer(server.apiToken("alice"));
        String body = "{\"eventType\":\"streamOffline\",\"eventData\":{\"isLive\":false}}";
        assertError(ApiError.AU1, server.post(EVENTS, null, body));
        assertError(ApiError.AU1, server.post(EVENTS, "Basic abc", body));
        assertError(ApiError.AU2, server.post(EVENTS, "Bearer na_wrong", body));
        assertError(ApiError.AU2, server.post(EVENTS, apiToken, body));
        assertError(ApiError.AU1, server.get(TOKENS, null));
        assertError(ApiError.AU2, server.get(TOKENS, apiToken));
        assertError(ApiError.AU2, server.post(TOKENS, apiToken, "{\"user\":\"x\"}"));
        assertError(ApiError.AU2, server.delete(TOKENS + "/t_x", apiToken));
        assertTrue(server.publisher.events.isEmpty());
    }

    @Test
    void adminAnswersCarryNoCors() {
        HttpResponse<String> response = server.get(TOKENS, admin);
        assertEquals(200, response.statusCode());
        assertEquals(Optional.empty(), response.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.empty(), server.get(TOKENS, null).headers().firstValue("Access-Control-Allow-Origin"));
    }

    @Test
    void validEventIsPublishedAndAnswered202() {
        HttpResponse<String> response = server.post(EVENTS, admin,
                "{\"eventType\":\"streamOffline\",\"eventData\":{\"isLive\":false}}");
        assertEquals(202, response.statusCode(), response.body());
        assertEquals("{\"data\":{\"eventType\":\"streamOffline\",\"timestamp\":" + ApiServer.PUBLISHED_AT + "}}",
                response.body());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
        assertEquals(List.of(new ApiServer.Published(EventType.STREAM_OFFLINE, new StreamOffline())),
                server.publisher.events);

        assertEquals(202, server.post(EVENTS, admin, RAID.formatted("5799")).statusCode());
        assertEquals(EventType.STREAM_RAID_INCOMING, server.publisher.events.get(1).type());
    }

    @Test
    void invalidEventIsAp2NamingTheMember() {
        assertAp2("Invalid /eventData: ", server.post(EVENTS, admin, "{\"eventType\":\"streamOffline\"}"));
        assertAp2("Invalid /eventType: ", server.post(EVENTS, admin, "{\"eventData\":{\"isLive\":false}}"));
        assertAp2("Invalid /eventType: ", server.post(EVENTS, admin,
                "{\"eventType\":\"StreamOffline\",\"eventData\":{\"isLive\":false}}"));
        assertAp2("Invalid /eventData/viewerCount: ", server.post(EVENTS, admin, RAID.formatted("-1")));
        assertAp2("Invalid /eventData/viewerCount: ", server.post(EVENTS, admin, RAID.formatted("\"5\"")));
        assertAp2("Invalid /eventData/isLive: ", server.post(EVENTS, admin,
                "{\"eventType\":\"streamOffline\",\"eventData\":{\"isLive\":\"no\"}}"));
        assertAp2("Invalid request body: ", server.post(EVENTS, admin, "not json"));
        assertAp2("Invalid request body: ", server.post(EVENTS, admin, ""));
        assertAp2("Invalid request body: ", server.post(EVENTS, admin, "[1,2]"));
        assertAp2("Invalid request body: ", server.post(EVENTS, admin,
                "{\"eventType\":\"streamOffline\",\"eventType\":\"streamOnline\",\"eventData\":{\"isLive\":false}}"));
        assertTrue(server.publisher.events.isEmpty());
    }

    private static void assertAp2(String messageStart, HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = read(response).path("error");
        assertEquals(ApiError.AP2.code(), error.path("code").asText());
        assertTrue(error.path("message").asText().startsWith(messageStart), error.path("message").asText());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
    }

    @Test
    void createdTokenIsShownOnceAndListedWithoutSecret() throws Exception {
        HttpResponse<String> created = server.post(TOKENS, admin, "{\"user\":\"alice\",\"unlimited\":true}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(Optional.of("no-store"), created.headers().firstValue("Cache-Control"));
        JsonNode data = read(created).path("data");
        String secret = data.path("token").asText();
        String id = data.path("id").asText();
        assertTrue(secret.startsWith("nk_"), secret);
        assertEquals("alice", data.path("user").asText());
        assertTrue(data.path("unlimited").asBoolean());
        assertTrue(data.path("createdAt").asLong() > 0);
        assertEquals(List.of("id", "user", "unlimited", "createdAt", "token"), fieldNames(data));

        assertEquals(200, server.get(TICKET, "Bearer " + secret).statusCode(), "the new token works");

        HttpResponse<String> listed = server.get(TOKENS, admin);
        assertEquals(200, listed.statusCode());
        assertFalse(listed.body().contains(secret));
        JsonNode tokens = read(listed).path("data").path("tokens");
        assertEquals(1, tokens.size(), "admin tokens are not listed");
        assertEquals(id, tokens.get(0).path("id").asText());
        assertEquals(List.of("id", "user", "unlimited", "createdAt"), fieldNames(tokens.get(0)));
    }

    @Test
    void unlimitedDefaultsToFalse() {
        HttpResponse<String> created = server.post(TOKENS, admin, "{\"user\":\"bob\"}");
        assertEquals(201, created.statusCode());
        assertFalse(read(created).path("data").path("unlimited").asBoolean(true));
    }

    @Test
    void invalidCreateBodyIsAp2() {
        assertAp2("Invalid /user: ", server.post(TOKENS, admin, "{}"));
        assertAp2("Invalid /user: ", server.post(TOKENS, admin, "{\"user\":\"  \"}"));
        assertAp2("Invalid /user: ", server.post(TOKENS, admin, "{\"user\":5}"));
        assertAp2("Invalid /unlimited: ", server.post(TOKENS, admin, "{\"user\":\"a\",\"unlimited\":\"yes\"}"));
        assertAp2("Invalid /unlimted: ", server.post(TOKENS, admin, "{\"user\":\"a\",\"unlimted\":true}"));
        assertAp2("Invalid request body: ", server.post(TOKENS, admin, "user=a"));
    }

    @Test
    void revokeCutsTheTokenItsTicketsAndItsConnections() throws Exception {
        IssuedToken alice = server.apiToken("alice");
        String id = alice.record().id();
        String ticket = read(server.get(TICKET, ApiServer.bearer(alice))).path("data").path("ticket").asText();

        HttpResponse<String> revoked = server.delete(TOKENS + "/" + id, admin);
        assertEquals(204, revoked.statusCode(), revoked.body());

        assertError(ApiError.AU2, server.get(TICKET, ApiServer.bearer(alice)));
        assertEquals(Optional.empty(), server.services.tickets().redeem(ticket));
        assertEquals(List.of(new ApiServer.Closed(id, CloseReasons.TOKEN_REVOKED.code(), CloseReasons.TOKEN_REVOKED.text())),
                server.connections.closed);
        assertFalse(server.services.tokens().isLive(id));
    }

    @Test
    void revokingAnUnknownIdIsAp3() throws Exception {
        assertError(ApiError.AP3, server.delete(TOKENS + "/t_nothing", admin));
        IssuedToken alice = server.apiToken("alice");
        assertEquals(204, server.delete(TOKENS + "/" + alice.record().id(), admin).statusCode());
        assertError(ApiError.AP3, server.delete(TOKENS + "/" + alice.record().id(), admin));
        IssuedToken otherAdmin = server.services.tokens().create("ops", TokenKind.ADMIN, false);
        assertError(ApiError.AP3, server.delete(TOKENS + "/" + otherAdmin.record().id(), admin));
        assertTrue(server.connections.closed.stream().noneMatch(c -> c.tokenId().equals("t_nothing")));
    }

    @Test
    void tokensCreatedThroughTheApiSurviveARestart(@TempDir Path restartDir) throws Exception {
        String secret;
        String adminAuthorization;
        try (ApiServer first = ApiServer.start(restartDir)) {
            adminAuthorization = ApiServer.bearer(first.adminToken());
            secret = read(first.post(TOKENS, adminAuthorization, "{\"user\":\"carol\"}")).path("data")
                    .path("token").asText();
        }
        try (ApiServer second = ApiServer.start(restartDir)) {
            assertEquals(200, second.get(TICKET, "Bearer " + secret).statusCode());
            assertEquals(200, second.get(TOKENS, adminAuthorization).statusCode());
        }
    }

    @Test
    void ticketOfALiveTokenStillRedeemsAfterAnotherIsRevoked() throws Exception {
        IssuedToken alice = server.apiToken("alice");
        IssuedToken bob = server.apiToken("bob");
        String ticket = read(server.get(TICKET, ApiServer.bearer(bob))).path("data").path("ticket").asText();
        assertEquals(204, server.delete(TOKENS + "/" + alice.record().id(), admin).statusCode());
        assertEquals(Optional.of(Grant.of(bob.record())), server.services.tickets().redeem(ticket));
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
