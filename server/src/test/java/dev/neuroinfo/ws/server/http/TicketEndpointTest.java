package dev.neuroinfo.ws.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.TicketResponse;
import dev.neuroinfo.ws.server.auth.FailingStores;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.ManualClockTickets;
import dev.neuroinfo.ws.server.auth.TicketStore;
import dev.neuroinfo.ws.server.auth.TokenStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketEndpointTest {
    static final String TICKET = "/api/ws/ticket";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private ApiServer server;
    private IssuedToken alice;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(dataDir);
        alice = server.apiToken("alice");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The exact wire body of an error, spelt out here to check the shape independently of the codec. */
    static String errorBody(ApiError error) {
        return "{\"error\":{\"code\":\"" + error.code() + "\",\"message\":\"" + error.message() + "\"}}";
    }

    static void assertError(ApiError error, HttpResponse<String> response) {
        assertEquals(error.status(), response.statusCode(), response.body());
        assertEquals(errorBody(error), response.body());
        assertJsonNoStore(response);
    }

    static void assertJsonNoStore(HttpResponse<String> response) {
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"));
    }

    static void assertCors(HttpResponse<String> response) {
        assertEquals(Optional.of("*"), response.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.of("Authorization"), response.headers().firstValue("Access-Control-Allow-Headers"));
        assertEquals(Optional.of("GET, OPTIONS"), response.headers().firstValue("Access-Control-Allow-Methods"));
        assertEquals(Optional.of("Retry-After"), response.headers().firstValue("Access-Control-Expose-Headers"));
    }

    @Test
    void validTokenGetsATicket() throws Exception {
        HttpResponse<String> response = server.get(TICKET, ApiServer.bearer(alice));
        assertEquals(200, response.statusCode());
        assertJsonNoStore(response);
        assertCors(response);
        JsonNode body = JSON.readTree(response.body());
        String ticket = body.path("data").path("ticket").asText();
        assertTrue(ticket.matches("[A-Za-z0-9_-]{43}"), ticket);
        String expected = "{\"data\":{\"ticket\":\"" + ticket + "\",\"expiresIn\":30,\"usage\":\"Connect with "
                + ApiServer.WS_URL + "?ticket=<ticket>\"}}";
        assertEquals(expected, response.body());
        assertEquals(TicketResponse.usageFor(ApiServer.WS_URL), body.path("data").path("usage").asText());
        assertEquals(Optional.of(Grant.of(alice.record())), server.services.tickets().redeem(ticket));
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertEquals(200, server.get(TICKET, "bEaReR " + alice.secret()).statusCode());
        assertEquals(200, server.get(TICKET, "Bearer   " + alice.secret() + "  ").statusCode());
    }

    @Test
    void missingOrMalformedHeaderIsAu1() {
        assertError(ApiError.AU1, server.get(TICKET, null));
        for (String header : List.of("Basic x", "Bearer", "Bearer   ", "Bearer" + alice.secret(), alice.secret())) {
            HttpResponse<String> response = server.get(TICKET, header);
            assertError(ApiError.AU1, response);
            assertCors(response);
        }
    }

    @Test
    void unknownOrWrongKindTokenIsAu2() throws Exception {
        assertError(ApiError.AU2, server.get(TICKET, "Bearer nk_unknown"));
        assertError(ApiError.AU2, server.get(TICKET, "Bearer " + alice.secret() + "x"));
        assertError(ApiError.AU2, server.get(TICKET, ApiServer.bearer(server.adminToken())));
        server.services.tokens().revoke(alice.record().id());
        HttpResponse<String> revoked = server.get(TICKET, ApiServer.bearer(alice));
        assertError(ApiError.AU2, revoked);
        assertCors(revoked);
    }

    @Test
    void hundredAndFirstRequestIsRateLimited() throws Exception {
        for (int i = 1; i <= 100; i++) {
            assertEquals(200, server.get(TICKET, ApiServer.bearer(alice)).statusCode(), "request " + i);
        }
        HttpResponse<String> limited = server.get(TICKET, ApiServer.bearer(alice));
        assertError(ApiError.RL4, limited);
        assertCors(limited);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);

        assertEquals(200, server.get(TICKET, ApiServer.bearer(server.apiToken("alice"))).statusCode(),
                "the limit is per token");
        assertError(ApiError.AU2, server.get(TICKET, "Bearer nk_unknown"));
        assertError(ApiError.AU1, server.get(TICKET, null));
    }

    @Test
    void preflightIsAnsweredWithoutAuthentication() {
        HttpResponse<String> response = server.method("OPTIONS", TICKET, null);
        assertEquals(204, response.statusCode());
        assertEquals("", response.body());
        assertCors(response);
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"));
    }

    @Test
    void otherMethodsAreNotAllowed() {
        HttpResponse<String> response = server.post(TICKET, ApiServer.bearer(alice), "{}");
        assertEquals(405, response.statusCode());
    }

    @Test
    void healthIsOkWithoutCredentials() {
        HttpResponse<String> response = server.get("/api/health", null);
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"ok\"}", response.body());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
    }

    @Test
    void unknownPathIsAp3() {
        assertError(ApiError.AP3, server.get("/api/nothing", null));
        assertError(ApiError.AP3, server.get("/", ApiServer.bearer(alice)));
        assertError(ApiError.AP3, server.get("/api/ws/ticket/extra", ApiServer.bearer(alice)));
    }

    @Test
    void ticketFromTheEndpointIsRedeemedByExactlyOneOfManyThreads() throws Exception {
        String ticket = JSON.readTree(server.get(TICKET, ApiServer.bearer(alice)).body())
                .path("data").path("ticket").asText();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Optional<Grant>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return server.services.tickets().redeem(ticket);
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Optional<Grant>> result : results) {
                winners += result.get().isPresent() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ticketExpiresAfterTheConfiguredLifetime(@TempDir Path otherDir) throws Exception {
        Duration ttl = Duration.ofSeconds(7);
        AtomicLong now = new AtomicLong();
        TicketStore tickets = ManualClockTickets.on(now::get);
        try (ApiServer shortLived = ApiServer.start(otherDir, config -> config.ticketTtl(ttl), tickets)) {
            IssuedToken token = shortLived.apiToken("bob");
            JsonNode first = JSON.readTree(shortLived.get(TICKET, ApiServer.bearer(token)).body()).path("data");
            JsonNode second = JSON.readTree(shortLived.get(TICKET, ApiServer.bearer(token)).body()).path("data");
            assertEquals(7, first.path("expiresIn").asInt());
            // the endpoint issued both at clock 0: the configured lifetime, to the nanosecond, reached the store
            now.set(ttl.toNanos() - 1);
            assertTrue(tickets.redeem(first.path("ticket").asText()).isPresent(), "valid to the end of its lifetime");
            now.set(ttl.toNanos());
            assertEquals(Optional.empty(), tickets.redeem(second.path("ticket").asText()), "expired at its lifetime's end");
        }
    }

    @Test
    void tokenStoreFailureIsAp1() {
        try (ApiServer failing = ApiServer.start(dataDir.resolve("f"), new FailingStores.Tokens(), new FailingStores.Tickets())) {
            assertError(ApiError.AP1, failing.get(TICKET, "Bearer nk_any"));
        }
    }

    @Test
    void ticketStoreFailureIsAp1() throws Exception {
        TokenStore tokens = server.services.tokens();
        try (ApiServer failing = ApiServer.start(dataDir.resolve("f"), tokens, new FailingStores.Tickets())) {
            assertError(ApiError.AP1, failing.get(TICKET, ApiServer.bearer(alice)));
        }
    }
}
