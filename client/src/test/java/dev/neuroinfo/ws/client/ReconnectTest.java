package dev.neuroinfo.ws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.ApiUrls;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.it.TestServer;
import dev.neuroinfo.ws.wire.Teardown;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automatic reconnection against a real server: what restarts it, what stops it. */
class ReconnectTest {
    private static final ReconnectPolicy FAST = ReconnectPolicy.defaults()
            .withInitialDelay(Duration.ofMillis(50)).withMaxDelay(Duration.ofMillis(500));

    @TempDir
    Path dataDir;
    private TestServer server;
    private NeuroInfoClient client;
    private final Recorder recorder = new Recorder();
    private final List<String> titles = new CopyOnWriteArrayList<>();
    private final List<Long> raids = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        Teardown.closeAll(client, server);
    }

    private String connect(IssuedToken token, AuthMethod method) {
        return connect(TestClients.builderFor(server), token, method);
    }

    /** Connects a client of the URLs {@code urls} was given, with two listeners, both subscriptions confirmed. */
    private String connect(NeuroInfoClientBuilder urls, IssuedToken token, AuthMethod method) {
        client = urls
                .token(token.secret())
                .authMethod(method)
                .reconnectPolicy(FAST)
                .connectionListener(recorder)
                .build();
        client.on(EventType.STREAM_ONLINE, StreamOnline.class, (StreamOnline live, long ts) -> titles.add(live.title()));
        client.on(EventType.STREAM_RAID_INCOMING, StreamRaid.class, (StreamRaid raid, long ts) -> raids.add(raid.viewerCount()));
        String session = client.connect().toCompletableFuture().join();
        Poll.until("both subscriptions confirmed", () -> recorder.count("subscribed:") == 2);
        return session;
    }

    /** The client's attempts and their outcomes, with the server's stops and starts, in time order. */
    private String attempts() {
        return "the client's steps (seconds since the test began):\n" + recorder.timeline();
    }

    private void stopServer() {
        recorder.note("server stopping");
        server.stop();
        recorder.note("server stopped");
    }

    private void restartServer() {
        recorder.note("server starting on the same ports");
        server.restart();
        recorder.note("server started");
    }

    /** Publishes until the client has seen it: the first events may precede the resubscription. */
    private void assertEventsFlow(String title) {
        server.publish(EventType.STREAM_ONLINE, Samples.online(title));
        server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(title.length()));
        Poll.until("events after reconnect", () -> titles.contains(title) && raids.contains((long) title.length()));
    }

    private void assertResubscribed(String firstSession) {
        Poll.until("a new session", () -> recorder.count("connected:") == 2, this::attempts);
        assertNotEquals("connected:" + firstSession, recorder.matching("connected:").get(1));
        Poll.until("subscriptions restored", () -> recorder.count("subscribed:") == 4, this::attempts);
        assertEquals(Set.of(EventType.STREAM_ONLINE, EventType.STREAM_RAID_INCOMING),
                Set.copyOf(client.listEvents().toCompletableFuture().join().subscribedEvents()));
    }

    @Test
    void reconnectsWhenTheServerClosesTheSession() {
        IssuedToken token = server.issue("tester", true);
        String first = connect(token, AuthMethod.TICKET);
        assertEventsFlow("before");

        server.closeConnectionsOf(token, 1001);

        Poll.until("disconnected", () -> recorder.steps.contains("disconnected:1001"));
        assertResubscribed(first);
        assertEventsFlow("after");
        assertEquals(List.of("before", "after"), titles);
    }

    @Test
    void reconnectsAfterTheServerRestartsOnTheSamePort() {
        String first = connect(server.issue("tester", true), AuthMethod.TICKET);

        stopServer();
        Poll.until("disconnected", () -> recorder.count("disconnected:") == 1, this::attempts);
        restartServer();

        assertResubscribed(first);
        assertEventsFlow("back");
    }

    /**
     * While reconnecting, the ticket endpoint that worked moments before answers 404 (a WAR being
     * redeployed, a proxy whose backend is away): a server on its way back, not a wrong URL, so
     * each 404 is reported to {@code error} and retried until the endpoint serves again.
     */
    @Test
    void retriesA404WhileReconnecting() {
        IssuedToken token = server.issue("tester", true);
        try (HttpFront front = HttpFront.to(server.httpUri())) {
            String first = connect(NeuroInfoClient.builder().webSocketUrl(server.webSocketUri()).httpBaseUrl(front.uri()),
                    token, AuthMethod.TICKET);

            front.answerTicketsNotFound(2);
            recorder.note("ticket endpoint answers 404 twice");
            server.closeConnectionsOf(token, 1001);

            assertBackAfterTwo404s(first, front::notFoundAnswered, NeuroInfoConnectException.Kind.TICKET_REFUSED,
                    "ticket request to " + ApiUrls.ticketUrl(front.uri()) + " refused: 404 ");
        }
    }

    /**
     * As {@link #retriesA404WhileReconnecting()}, the 404 answering the WebSocket handshake. Only
     * the handshake goes through the proxy: the client is given the HTTP API's own base, so its
     * recovery requests cannot take one of the 404s (with the base derived from the proxied
     * WebSocket URL, the first session's catch-up could reach the proxy after the 404s were armed
     * and take one silently, as "no recovery here").
     */
    @Test
    void retriesA404HandshakeWhileReconnecting() {
        IssuedToken token = server.issue("tester", true);
        try (TcpProxy proxy = TcpProxy.to(server.webSocketUri().getPort())) {
            String first = connect(TestClients.builderFor(server)
                    .webSocketUrl("ws://127.0.0.1:" + proxy.port() + server.webSocketUri().getPath()),
                    token, AuthMethod.HEADER);

            proxy.answerNotFound(2);
            recorder.note("the WebSocket port answers 404 twice");
            server.closeConnectionsOf(token, 1001);

            assertBackAfterTwo404s(first, proxy::notFoundAnswered, NeuroInfoConnectException.Kind.HANDSHAKE_REFUSED,
                    "WebSocket handshake refused: 404 Not Found; ");
        }
    }

    /**
     * After two 404s were armed and the session closed: a new session with events flowing, after
     * exactly the two 404s {@code notFoundAnswered} counts, each reported once to {@code error} as
     * a {@code kind} 404 whose message starts with {@code message} and says the URL served this
     * client before (not the first connect's setup hint), and nothing to reconnectFailed.
     */
    private void assertBackAfterTwo404s(String firstSession, IntSupplier notFoundAnswered,
            NeuroInfoConnectException.Kind kind, String message) {
        assertResubscribed(firstSession);
        assertEventsFlow("after the 404s");
        assertEquals(2, notFoundAnswered.getAsInt(), this::attempts);
        assertEquals(List.of(), recorder.reconnectFailures, this::attempts);
        assertEquals(List.of("reconnecting:1", "reconnecting:2", "reconnecting:3"), recorder.matching("reconnecting:"),
                this::attempts);
        assertEquals(2, recorder.errors.size(), this::attempts);
        for (Throwable error : recorder.errors) {
            NeuroInfoConnectException refused = assertInstanceOf(NeuroInfoConnectException.class, error);
            assertEquals(kind, refused.kind());
            assertEquals(404, refused.status());
            assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
            assertSaysItServedBefore(refused);
        }
    }

    /** A 404 from a URL that served this client says so, without the first connect's setup hint. */
    private static void assertSaysItServedBefore(NeuroInfoConnectException refused) {
        assertTrue(refused.getMessage().contains("; it served this client before: "), refused.getMessage());
        assertFalse(refused.getMessage().contains("httpBaseUrl"), refused.getMessage());
    }

    /**
     * A 404's message follows what the URL did for this client, not the client's state: once the
     * ticket endpoint has issued a ticket, its 404 says so where retrying stops on it (the attempt
     * limit) and on a later connect(), which still fails at once on a 404.
     */
    @Test
    void a404AfterASessionSaysTheEndpointServedBeforeAlsoWhereItEndsRetrying() throws Exception {
        IssuedToken token = server.issue("tester", true);
        try (HttpFront front = HttpFront.to(server.httpUri())) {
            client = NeuroInfoClient.builder().webSocketUrl(server.webSocketUri()).httpBaseUrl(front.uri())
                    .token(token.secret())
                    .reconnectPolicy(FAST.withMaxAttempts(1))
                    .connectionListener(recorder)
                    .build();
            client.connect().toCompletableFuture().join();

            front.answerTicketsNotFound(2);
            server.closeConnectionsOf(token, 1001);
            Poll.until("reconnect given up", () -> !recorder.reconnectFailures.isEmpty(), this::attempts);
            NeuroInfoConnectException gaveUp = assertInstanceOf(NeuroInfoConnectException.class,
                    recorder.reconnectFailures.get(0));
            NeuroInfoConnectException again = assertThrows(NeuroInfoConnectException.class, client::connectAndWait);

            assertEquals(2, front.notFoundAnswered(), this::attempts);
            assertEquals(List.of("reconnecting:1"), recorder.matching("reconnecting:"), this::attempts);
            for (NeuroInfoConnectException refused : List.of(gaveUp, again)) {
                assertEquals(NeuroInfoConnectException.Kind.TICKET_REFUSED, refused.kind());
                assertEquals(404, refused.status());
                assertSaysItServedBefore(refused);
            }
        }
    }

    @Test
    void reconnectsWithTheHeaderMethodToo() {
        String first = connect(server.issue("tester", true), AuthMethod.HEADER);

        stopServer();
        restartServer();

        assertResubscribed(first);
        assertEventsFlow("header");
    }

    @Test
    void stopsAtOnceWhenTheTokenIsRevoked() throws Exception {
        IssuedToken token = server.issue("tester", true);
        connect(token, AuthMethod.TICKET);

        server.revoke(token);

        Poll.until("reconnect given up", () -> !recorder.reconnectFailures.isEmpty());
        NeuroInfoConnectException cause = assertInstanceOf(NeuroInfoConnectException.class,
                recorder.reconnectFailures.get(0));
        assertEquals(ApiError.AU2, cause.apiError().orElseThrow());
        // Exactly one attempt: a 401 is reported, never retried.
        assertEquals(List.of("reconnecting:1"), recorder.matching("reconnecting:"));
        assertFalse(client.isConnected());
    }

    @Test
    void stopsAtOnceOnA401HandshakeWithTheHeaderMethod() throws Exception {
        IssuedToken token = server.issue("tester", true);
        connect(token, AuthMethod.HEADER);

        server.revoke(token);

        Poll.until("reconnect given up", () -> !recorder.reconnectFailures.isEmpty());
        NeuroInfoConnectException cause = (NeuroInfoConnectException) recorder.reconnectFailures.get(0);
        assertEquals(401, cause.status());
        assertEquals("Invalid or expired token", cause.serverText().orElseThrow());
        assertEquals(List.of("reconnecting:1"), recorder.matching("reconnecting:"));
    }

    /**
     * A ticket the WebSocket side does not know (here: fetched from another server, as after a
     * restart between the ticket request and the handshake) is retried with a fresh ticket, not
     * taken for a refused token; the attempt limit still ends it.
     */
    @Test
    void retriesARefusedTicketWithAFreshOne(@TempDir Path otherDataDir) throws Exception {
        try (TestServer other = TestServer.start(otherDataDir)) {
            client = NeuroInfoClient.builder().webSocketUrl(other.webSocketUri()).httpBaseUrl(server.httpUri())
                    .token(server.issue("tester", true).secret())
                    .authMethod(AuthMethod.TICKET)
                    .retryInitialConnect(true)
                    .reconnectPolicy(FAST.withMaxAttempts(3))
                    .connectionListener(recorder)
                    .build();
            CompletableFuture<String> connecting = client.connect().toCompletableFuture();

            Poll.until("retrying given up", () -> !recorder.reconnectFailures.isEmpty(), this::attempts);
            NeuroInfoConnectException cause = (NeuroInfoConnectException) recorder.reconnectFailures.get(0);
            assertEquals("Invalid or expired ticket", cause.serverText().orElseThrow());
            assertFalse(cause.isAuthenticationFailure());
            assertEquals(List.of("reconnecting:1", "reconnecting:2", "reconnecting:3"), recorder.matching("reconnecting:"),
                    this::attempts);
            assertTrue(connecting.isCompletedExceptionally());
        }
    }

    @Test
    void retriesNetworkFailuresUntilTheAttemptLimit() {
        client = TestClients.builderFor(server)
                .token(server.issue("tester", true).secret())
                .reconnectPolicy(FAST.withMaxAttempts(3))
                .connectionListener(recorder)
                .build();
        client.connect().toCompletableFuture().join();

        server.stop();

        Poll.until("reconnect given up", () -> !recorder.reconnectFailures.isEmpty());
        assertEquals(List.of("reconnecting:1", "reconnecting:2", "reconnecting:3"), recorder.matching("reconnecting:"));
        NeuroInfoConnectException cause = (NeuroInfoConnectException) recorder.reconnectFailures.get(0);
        assertEquals(NeuroInfoConnectException.Kind.NETWORK, cause.kind());
        // One report per failed attempt: two retried ones to error, the last one to reconnectFailed only.
        assertEquals(2, recorder.errors.size(), recorder.errors.toString());
        assertFalse(recorder.errors.contains(cause));
        server.restart();
    }

    @Test
    void aFirstConnectWaitsForAServerThatStartsLater() {
        String token = server.issue("tester", true).secret();
        server.stop();
        client = TestClients.builderFor(server)
                .token(token)
                .retryInitialConnect(true)
                .reconnectPolicy(FAST)
                .connectionListener(recorder)
                .build();
        client.on(EventType.STREAM_ONLINE, (data, ts) -> titles.add(((StreamOnline) data).title()));

        CompletableFuture<String> connecting = client.connect().toCompletableFuture();
        Poll.until("two attempts failed", () -> recorder.count("reconnecting:") >= 2);
        assertFalse(connecting.isDone());
        NeuroInfoConnectException refused = assertInstanceOf(NeuroInfoConnectException.class, recorder.errors.get(0));
        assertTrue(refused.getMessage().contains("connection refused by 127.0.0.1:"), refused.getMessage());

        server.restart();

        assertFalse(connecting.join().isEmpty());
        Poll.until("subscribed", () -> recorder.count("subscribed:") == 1);
        server.publish(EventType.STREAM_ONLINE, Samples.online("late"));
        Poll.until("the event", () -> titles.contains("late"));
        assertTrue(recorder.reconnectFailures.isEmpty());
    }

    @Test
    void aFirstConnectThatRetriesStillStopsAtOnceOnABadToken() {
        client = TestClients.builderFor(server)
                .token("not-a-token")
                .retryInitialConnect(true)
                .reconnectPolicy(FAST)
                .connectionListener(recorder)
                .build();

        NeuroInfoConnectException refused = assertThrows(NeuroInfoConnectException.class, client::connectAndWait);

        assertEquals(ApiError.AU2, refused.apiError().orElseThrow());
        Poll.until("reported", () -> recorder.reconnectFailures.size() == 1);
        assertEquals(0, recorder.count("reconnecting:"));
        assertTrue(recorder.errors.isEmpty(), recorder.errors.toString());
    }

    @Test
    void aNewTokenIsUsedFromTheNextReconnectOn() throws Exception {
        IssuedToken first = server.issue("tester", true);
        String firstSession = connect(first, AuthMethod.TICKET);
        IssuedToken second = server.issue("tester", true);

        client.setToken(second.secret());
        server.revoke(first);

        assertResubscribed(firstSession);
        assertEventsFlow("second token");
        assertTrue(recorder.reconnectFailures.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> client.setToken(" "));
    }

    /**
     * The callbacks run on the test's own executor, which {@code close()} does not shut down, so a
     * disconnect or reconnect reported after it would be recorded, not dropped. The close must
     * reach the server; after that, nothing may be reported or reconnect for twice the longest
     * delay {@link #FAST} could wait.
     */
    @Test
    void neverReconnectsAfterClose() {
        ExecutorService callbacks = Executors.newSingleThreadExecutor();
        try {
            client = TestClients.builderFor(server)
                    .token(server.issue("tester", true).secret())
                    .callbackExecutor(callbacks)
                    .reconnectPolicy(FAST)
                    .connectionListener(recorder)
                    .build();
            client.connect().toCompletableFuture().join();
            Poll.until("the server to see the connection", () -> server.openConnections() == 1);

            client.close();

            Poll.until("the close to reach the server", () -> server.openConnections() == 0);
            Poll.holds("no disconnect reported, no reconnect", FAST.maxDelay().multipliedBy(2),
                    () -> recorder.count("reconnecting:") == 0 && recorder.count("disconnected:") == 0
                            && server.openConnections() == 0);
            assertFalse(client.isConnected());
        } finally {
            callbacks.shutdownNow();
        }
    }
}
