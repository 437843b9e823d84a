package dev.neuroinfo.ws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.protocol.InvalidReason;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.message.ListEventsReply;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.it.TestServer;
import dev.neuroinfo.ws.wire.Teardown;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting with each auth method, and every way a connection attempt is refused. */
class ConnectTest {
    @TempDir
    Path dataDir;
    private TestServer server;
    private final List<NeuroInfoClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            Teardown.closeAll(clients);
        } finally {
            server.close();
        }
    }

    private NeuroInfoClientBuilder builder(String token) {
        return TestClients.builderFor(server).token(token);
    }

    private NeuroInfoClient track(NeuroInfoClient client) {
        clients.add(client);
        return client;
    }

    private static NeuroInfoConnectException failure(NeuroInfoClient client) {
        CompletionException thrown = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> client.connect().toCompletableFuture().join());
        return assertInstanceOf(NeuroInfoConnectException.class, thrown.getCause());
    }

    @Test
    void ticketFlowConnectsSubscribesAndReceives() {
        // No httpBaseUrl given: the ticket endpoint is found by the port convention.
        NeuroInfoClient client = track(builder(server.issue("tester", true).secret()).build());
        List<String> titles = new CopyOnWriteArrayList<>();
        client.on(EventType.STREAM_ONLINE, StreamOnline.class, (StreamOnline live, long timestamp) -> titles.add(live.title()));

        String sessionId = client.connect().toCompletableFuture().join();

        assertFalse(sessionId.isEmpty());
        assertEquals(sessionId, client.sessionId().orElseThrow());
        ListEventsReply reply = client.listEvents().toCompletableFuture().join();
        assertEquals(List.of(EventType.STREAM_ONLINE), reply.subscribedEvents());
        assertEquals(EventType.documentedOrder(), reply.availableEvents());
        server.publish(EventType.STREAM_ONLINE, Samples.online("first"));
        Poll.until("the event", () -> titles.equals(List.of("first")));
    }

    @Test
    void headerFlowConnectsWithoutTheHttpApi() {
        NeuroInfoClient client = track(builder(server.issue("tester", true).secret())
                .authMethod(AuthMethod.HEADER)
                .httpBaseUrl("http://127.0.0.1:1") // never used with HEADER
                .build());
        List<Long> timestamps = new CopyOnWriteArrayList<>();
        client.on(EventType.STREAM_OFFLINE, StreamOffline.class, (data, timestamp) -> timestamps.add(timestamp));

        client.connect().toCompletableFuture().join();
        Poll.until("subscription confirmed",
                () -> client.listEvents().toCompletableFuture().join().subscribedEvents()
                        .contains(EventType.STREAM_OFFLINE));
        long published = server.publish(EventType.STREAM_OFFLINE, Samples.offline());

        Poll.until("the event", () -> timestamps.equals(List.of(published)));
    }

    @Test
    void inBandAuthenticationWorksWhenTheServerOffersIt() {
        server.close();
        server = TestServer.start(dataDir.resolve("inband"), c -> c.inbandAuth(true));
        NeuroInfoClient client = track(builder(server.issue("tester", true).secret()).authMethod(AuthMethod.IN_BAND).build());

        assertFalse(client.connect().toCompletableFuture().join().isEmpty());

        NeuroInfoClient wrong = track(builder("wrong-token").authMethod(AuthMethod.IN_BAND).build());
        NeuroInfoConnectException refused = failure(wrong);
        assertEquals(NeuroInfoConnectException.Kind.AUTH_REFUSED, refused.kind());
        assertEquals(InvalidReason.INVALID_TOKEN.wireValue(), refused.errorCode().orElseThrow());
        assertTrue(refused.isAuthenticationFailure());
    }

    @Test
    void wrongTokenAtTheHandshakeSurfaces401AndTheServersText() {
        NeuroInfoClient client = track(builder("not-a-token").authMethod(AuthMethod.HEADER).build());

        NeuroInfoConnectException refused = failure(client);

        assertEquals(NeuroInfoConnectException.Kind.HANDSHAKE_REFUSED, refused.kind());
        assertEquals(401, refused.status());
        assertEquals("Invalid or expired token", refused.serverText().orElseThrow());
        assertEquals(HandshakeError.INVALID_TOKEN, refused.handshakeError().orElseThrow());
        assertTrue(refused.isAuthenticationFailure());
        assertFalse(refused.isRetryable());
    }

    @Test
    void connectionLimitSurfaces429AndTheServersText() {
        IssuedToken limited = server.issue("alice", false);
        for (int i = 0; i < Limits.MAX_CONNECTIONS_PER_USER; i++) {
            track(builder(limited.secret()).build()).connect().toCompletableFuture().join();
        }

        NeuroInfoConnectException refused = failure(track(builder(limited.secret()).build()));

        assertEquals(429, refused.status());
        assertEquals("Connection limit reached (max 5)", refused.serverText().orElseThrow());
        assertEquals(HandshakeError.CONNECTION_LIMIT, refused.handshakeError().orElseThrow());
        assertTrue(refused.isRetryable());
    }

    @Test
    void wrongTokenAtTheTicketEndpointSurfacesAu2WithoutRetrying() {
        Recorder recorder = new Recorder();
        NeuroInfoClient client = track(builder("not-a-token").connectionListener(recorder).build());

        NeuroInfoConnectException refused = failure(client);

        assertEquals(NeuroInfoConnectException.Kind.TICKET_REFUSED, refused.kind());
        assertEquals(401, refused.status());
        assertEquals(ApiError.AU2, refused.apiError().orElseThrow());
        assertEquals("AU2", refused.errorCode().orElseThrow());
        assertEquals(ApiError.AU2.message(), refused.serverText().orElseThrow());
        assertFalse(client.isConnected());
        assertEquals(0, recorder.count("reconnecting"));
    }

    @Test
    void unreachableServerIsANetworkFailure() {
        server.stop();
        NeuroInfoClient client = track(builder("any").connectTimeout(Duration.ofSeconds(5)).build());

        NeuroInfoConnectException refused = failure(client);

        assertEquals(NeuroInfoConnectException.Kind.NETWORK, refused.kind());
        assertTrue(refused.isRetryable());
        // Says what happened and where: the ticket endpoint is asked first.
        assertTrue(refused.getMessage().endsWith("failed: connection refused by 127.0.0.1:" + server.httpUri().getPort()),
                refused.getMessage());
        server.restart();
    }

    @Test
    void connectFailsWithTheExceptionItselfNotACompletionException() throws Exception {
        NeuroInfoClient client = track(builder("not-a-token").build());

        Throwable seen = client.connect().handle((sessionId, error) -> error).toCompletableFuture().get();
        NeuroInfoConnectException thrown = org.junit.jupiter.api.Assertions.assertThrows(NeuroInfoConnectException.class,
                client::connectAndWait);

        assertEquals(NeuroInfoConnectException.Kind.TICKET_REFUSED, assertInstanceOf(NeuroInfoConnectException.class, seen).kind());
        assertEquals(ApiError.AU2, thrown.apiError().orElseThrow());
    }

    @Test
    void aTwoPortServerWithoutItsHttpBaseSaysWhatToSet() {
        NeuroInfoClient client = track(NeuroInfoClient.builder().webSocketUrl(server.webSocketUri())
                .token(server.issue("tester", true).secret()).build());

        NeuroInfoConnectException refused = failure(client);

        assertEquals(404, refused.status());
        assertTrue(refused.getMessage().startsWith("ticket request to " + server.webSocketUri().resolve("/api/ws/ticket")
                .toString().replace("ws://", "http://") + " refused: 404"), refused.getMessage());
        assertTrue(refused.getMessage().contains("needs httpBaseUrl (CLI: --http)"), refused.getMessage());
        assertFalse(refused.getMessage().contains("served this client before"), refused.getMessage());
        assertFalse(refused.isRetryable());
    }

    @Test
    void wrongPathSurfaces404() {
        NeuroInfoClient client = track(NeuroInfoClient.builder()
                .webSocketUrl(server.webSocketUri().resolve("/elsewhere"))
                .token(server.issue("tester", true).secret()).authMethod(AuthMethod.HEADER).build());

        NeuroInfoConnectException refused = failure(client);

        assertEquals(HandshakeError.NOT_FOUND, refused.handshakeError().orElseThrow());
        assertEquals("WebSocket handshake refused: 404 Not Found", refused.getMessage());
        assertFalse(refused.isRetryable());
    }

    @Test
    void closedClientRefusesToConnect() {
        NeuroInfoClient client = builder("any").build();
        client.close();

        assertEquals(NeuroInfoConnectException.Kind.CLOSED, failure(client).kind());
    }
}
