package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.CloseCodes;
import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import dev.neuroinfo.ws.server.it.RawWebSocket;
import dev.neuroinfo.ws.wire.Teardown;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADM-6 whatever the interleaving: many handshakes of one token (bearer, ticket and, on the node
 * that allows it, in-band auth) race its revocation, and every connection that got through is
 * closed with 1008 and gets no event published after the revocation. Each race runs several
 * rounds because one round hits the window only sometimes: before the fix, 1-3 bearer or ticket
 * connections survived in about half the rounds on one node (in-band ones in every round), and
 * across nodes, where the window is narrower, in about one round in twenty. There a survivor is
 * closed by the revocation sweep within 5 s, so it shows by the event it received after the
 * revocation.
 */
class RevocationRaceTest {
    private static final int ROUNDS = 6;
    /** Across nodes the window is narrower: before the fix about one round in twenty hit it. */
    private static final int ROUNDS_ACROSS_NODES = 20;
    private static final int HANDSHAKERS = 20;
    private static final int UPGRADES_BEFORE_REVOKING = 24;
    private static final String SUBSCRIBE = "{\"type\":\"addEvent\",\"data\":{\"eventType\":\""
            + EventType.STREAM_OFFLINE.wireName() + "\"}}";

    /** Held here: the logging framework keeps loggers only weakly. */
    private static final Logger FILTER_CHAIN = Logger.getLogger("org.glassfish.grizzly.filterchain.DefaultFilterChain");
    private static final ChainFailures CHAIN_FAILURES = new ChainFailures();
    /** The threads that ran before the servers started: none of them is the servers'. */
    private static Set<Thread> threadsBefore;

    @TempDir
    static Path dir;
    static RedisProcess redis;
    static EmbeddedServer alone;
    static EmbeddedServer a;
    static EmbeddedServer b;

    @BeforeAll
    static void start() throws Exception {
        threadsBefore = liveThreads();
        FILTER_CHAIN.addHandler(CHAIN_FAILURES);
        redis = RedisProcess.start(dir.resolve("redis"));
        alone = EmbeddedServer.start(config("alone").build());
        a = node("a");
        b = node("b");
    }

    private static EmbeddedServer node(String name) throws IOException {
        return EmbeddedServer.start(config(name).redisUri(redis.uri()).build());
    }

    /** A limit no race reaches: every handshake takes a slot, as a limited token's do, and none is refused for it. */
    private static ServerConfig.Builder config(String name) {
        return ServerConfig.builder().ports(0, 0).dataDir(dir.resolve(name)).maxConnectionsPerUser(10_000)
                .inbandAuth(true);
    }

    /**
     * The check of {@link #noReadFailedInTheFilterChain} once more when all is stopped: the last
     * test's connections are still being closed when it ends, and a read racing those closes logs
     * from a server thread, possibly after the server's close returned, so the check waits for
     * those threads to end first.
     */
    @AfterAll
    static void stop() throws Exception {
        try {
            Teardown.closeAll(alone, a, b, redis);
            Await.until("the servers' threads to end", Wire.WAIT, () -> serverThreads().isEmpty());
        } finally {
            FILTER_CHAIN.removeHandler(CHAIN_FAILURES);
        }
        assertEquals(List.of(), CHAIN_FAILURES.drain(), "after the last test");
    }

    /**
     * Reads racing the server's closes log no exception from Grizzly's filter chain: each such read
     * of a connection Tyrus had let go once logged a ClassCastException from the HTTP codec (several
     * per run of this class).
     */
    @AfterEach
    void noReadFailedInTheFilterChain() {
        assertEquals(List.of(), CHAIN_FAILURES.drain());
    }

    /**
     * The threads the servers of this class started (Grizzly's and their own) that still run.
     * Grizzly's HttpServer-N threads are not among them: that pool runs the HTTP server's timers,
     * no filter chain, and outlives its close by more than the wait for these.
     */
    private static List<String> serverThreads() {
        return liveThreads().stream().filter(thread -> !threadsBefore.contains(thread))
                .map(Thread::getName)
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("grizzly") || name.startsWith("neuroinfo-"))
                .toList();
    }

    private static Set<Thread> liveThreads() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** Grizzly's warnings of an exception inside a filter chain. */
    private static final class ChainFailures extends Handler {
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        /** What was logged since the last drain, each record once, though more may come meanwhile. */
        List<String> drain() {
            List<LogRecord> seen = List.copyOf(records);
            records.removeAll(seen);
            return seen.stream().map(r -> r.getMessage() + ": " + r.getThrown()).toList();
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void onOneNodeNoConnectionOutlivesTheRevocationOfItsToken() throws Exception {
        race(alone, alone, List.of(Credential.values()), ROUNDS);
    }

    @Test
    void acrossNodesNoConnectionOutlivesTheRevocationOfItsToken() throws Exception {
        race(b, a, List.of(Credential.BEARER, Credential.TICKET), ROUNDS_ACROSS_NODES);
    }

    @Test
    void aRevocationWhoseCloseMessageWasLostStillClosesTheConnectionsOnOtherNodes() throws Exception {
        IssuedToken unheard = a.createToken("unheard", TokenKind.API, false);
        try (Wire.Session onB = Wire.connect(b.webSocketUri(), unheard.secret())) {
            // the store alone, as when Redis failed before the revocation reached the event stream
            assertTrue(a.services().tokens().revoke(unheard.record().id()));
            Await.until("the revocation sweep to close the connection", Wire.WAIT, onB::isClosed);
            assertEquals(CloseCodes.POLICY_VIOLATION, onB.closeCode());
        }
    }

    /**
     * Rounds of handshakes on {@code connectTo} racing a revocation on {@code revokeOn}. Each round
     * keeps handshakes flowing (every handshaker opens one connection after another until it is
     * refused) so that some are always between their credential check and their registration
     * when the revocation lands.
     */
    private static void race(EmbeddedServer connectTo, EmbeddedServer revokeOn, List<Credential> ways, int rounds)
            throws Exception {
        String admin = revokeOn.createToken("admin", TokenKind.ADMIN, false).secret();
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            for (int round = 0; round < rounds; round++) {
                IssuedToken doomed = connectTo.createToken("doomed-" + round, TokenKind.API, false);
                AtomicInteger upgraded = new AtomicInteger();
                List<Future<Outcome>> connections = Collections.synchronizedList(new ArrayList<>());
                List<Future<?>> handshakers = new ArrayList<>();
                for (int i = 0; i < HANDSHAKERS; i++) {
                    Credential way = ways.get(i % ways.size());
                    handshakers.add(threads.submit(() -> {
                        for (RawWebSocket socket = open(connectTo, doomed.secret(), way); socket != null;
                                socket = open(connectTo, doomed.secret(), way)) {
                            upgraded.incrementAndGet();
                            RawWebSocket opened = socket;
                            connections.add(threads.submit(() -> follow(opened)));
                        }
                        return null;
                    }));
                }
                Await.until("the first connections", Wire.WAIT, () -> upgraded.get() >= UPGRADES_BEFORE_REVOKING);
                assertEquals(204, Wire.revoke(revokeOn.httpUri(), admin, doomed.record().id()));
                long publishedAfter = revokeOn.publish(EventType.STREAM_OFFLINE, new StreamOffline());
                for (Future<?> handshaker : handshakers) {
                    handshaker.get();
                }
                List<Outcome> survivors = new ArrayList<>();
                for (Future<Outcome> connection : connections) {
                    Outcome outcome = connection.get();
                    if (outcome.closeCode() != CloseCodes.POLICY_VIOLATION || outcome.events().contains(publishedAfter)
                            || !CloseReasons.TOKEN_REVOKED.text().equals(outcome.reason())) {
                        survivors.add(outcome);
                    }
                }
                assertTrue(survivors.isEmpty(), "round " + round + ": " + survivors.size() + " of "
                        + connections.size() + " connections outlived the revocation of their token: " + survivors);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** How a handshaker presents the token; each path checks the token on its own. */
    private enum Credential {
        BEARER, TICKET, IN_BAND
    }

    /**
     * A connection of the token, or null once the token (or its ticket) is refused. An in-band
     * connection is returned once welcomed, and already subscribed.
     */
    private static RawWebSocket open(EmbeddedServer node, String token, Credential way) throws Exception {
        String target = "/api/ws";
        Map<String, String> headers = way == Credential.BEARER ? Map.of("Authorization", "Bearer " + token) : Map.of();
        if (way == Credential.TICKET) {
            HttpResponse<String> ticket = Wire.ticketRequest(node.httpUri(), token);
            if (ticket.statusCode() != 200) {
                assertEquals(ApiError.AU2.status(), ticket.statusCode(), ticket.body());
                return null;
            }
            target += "?ticket=" + URLEncoder.encode(Wire.CODEC.parse(ticket.body()).orElseThrow().get("data")
                    .get("ticket").textValue(), StandardCharsets.UTF_8);
        }
        RawWebSocket socket = RawWebSocket.open(node.webSocketUri().getPort(), target, headers);
        if (socket.response().status() != 101) {
            socket.close();
            assertEquals(way == Credential.TICKET ? HandshakeError.INVALID_TICKET.body()
                    : HandshakeError.INVALID_TOKEN.body(), socket.response().body());
            return null;
        }
        return way == Credential.IN_BAND ? authenticate(socket, token) : socket;
    }

    /** Sends {@code auth}: the socket once welcomed (and subscribed), null once the token is refused. */
    private static RawWebSocket authenticate(RawWebSocket socket, String token) throws IOException {
        socket.sendText("{\"type\":\"auth\",\"data\":{\"token\":\"" + token + "\"}}");
        RawWebSocket.Frame frame = socket.readFrame(Wire.WAIT);
        // keepalive pings every connection on one fixed tick, which may fall inside the race
        for (int pings = 0; frame != null && frame.opcode() == dev.neuroinfo.ws.wire.Frame.PING && pings < 3; pings++) {
            frame = socket.readFrame(Wire.WAIT);
        }
        JsonNode reply = frame != null && frame.opcode() == RawWebSocket.TEXT
                ? Wire.CODEC.parse(frame.text()).orElseThrow() : null;
        if (reply != null && "welcome".equals(reply.get("type").textValue())) {
            socket.sendText(SUBSCRIBE);
            return socket;
        }
        socket.close();
        boolean refused = reply != null && "invalidToken".equals(reply.path("data").path("reason").textValue());
        boolean closedAsRevoked = frame != null && frame.opcode() == RawWebSocket.CLOSE
                && frame.closeCode() == CloseCodes.POLICY_VIOLATION;
        assertTrue(refused || closedAsRevoked, "an in-band auth racing the revocation is refused or closed with 1008, got "
                + (reply != null ? reply : frame == null ? "nothing" : "frame " + frame.opcode() + "/" + frame.closeCode()));
        return null;
    }

    /**
     * How one connection ended: the close code and reason, or -1 when none came within
     * {@link Wire#WAIT}, and the timestamps of the events that reached it (an event of an earlier
     * round may, when a node's feed lags, and that is fine).
     */
    private record Outcome(int closeCode, String reason, List<Long> events) {
    }

    /** Subscribes once welcomed and reads until the server closes, at most {@link Wire#WAIT}. */
    private static Outcome follow(RawWebSocket socket) throws IOException {
        try (socket) {
            List<Long> events = new ArrayList<>();
            long deadline = System.nanoTime() + Wire.WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                RawWebSocket.Frame frame;
                try {
                    frame = socket.readFrame(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
                } catch (IOException ended) {
                    return new Outcome(-1, "ended without a close frame: " + ended, events);
                }
                if (frame == null) {
                    break;
                }
                if (frame.opcode() == RawWebSocket.CLOSE) {
                    byte[] payload = frame.payload();
                    String reason = payload.length < 2 ? ""
                            : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                    return new Outcome(frame.closeCode(), reason, events);
                }
                if (frame.opcode() == RawWebSocket.TEXT) {
                    JsonNode message = Wire.CODEC.parse(frame.text()).orElseThrow();
                    String type = message.get("type").textValue();
                    if ("welcome".equals(type)) {
                        socket.sendText(SUBSCRIBE);
                    } else if ("event".equals(type)) {
                        events.add(message.get("data").get("timestamp").asLong());
                    }
                }
            }
            return new Outcome(-1, "still open", events);
        }
    }
}
