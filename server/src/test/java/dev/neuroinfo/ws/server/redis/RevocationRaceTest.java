package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.CloseCodes;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import dev.neuroinfo.ws.server.http.AdminTokensResource;
import dev.neuroinfo.ws.server.it.RawWebSocket;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADM-6 whatever the interleaving: many handshakes of one token race its revocation, and every
 * connection that got through is closed with 1008 and gets no event published after the
 * revocation. Each race runs several rounds because one round hits the window only sometimes:
 * before the fix, 1-3 connections survived in about half the rounds on one node, and across nodes
 * (where the window is narrower) one in a few runs of ten rounds.
 */
class RevocationRaceTest {
    private static final int ROUNDS = 6;
    private static final int HANDSHAKERS = 20;
    private static final int UPGRADES_BEFORE_REVOKING = 24;
    private static final String SUBSCRIBE = "{\"type\":\"addEvent\",\"data\":{\"eventType\":\""
            + EventType.STREAM_OFFLINE.wireName() + "\"}}";

    @TempDir
    static Path dir;
    static RedisProcess redis;
    static EmbeddedServer alone;
    static EmbeddedServer a;
    static EmbeddedServer b;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisProcess.start(dir.resolve("redis"));
        alone = EmbeddedServer.start(config("alone"));
        a = node("a");
        b = node("b");
    }

    private static EmbeddedServer node(String name) throws IOException {
        return EmbeddedServer.start(config(name).withRedis(redis.uri()));
    }

    /** A limit no race reaches: every handshake takes a slot, as a limited token's do, and none is refused for it. */
    private static ServerConfig config(String name) {
        return ServerConfig.builder().ports(0, 0).dataDir(dir.resolve(name)).maxConnectionsPerUser(10_000)
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        for (EmbeddedServer node : new EmbeddedServer[] {alone, a, b}) {
            if (node != null) {
                node.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void onOneNodeNoConnectionOutlivesTheRevocationOfItsToken() throws Exception {
        race(alone, alone);
    }

    @Test
    void acrossNodesNoConnectionOutlivesTheRevocationOfItsToken() throws Exception {
        race(b, a);
    }

    /**
     * Rounds of handshakes on {@code connectTo} racing a revocation on {@code revokeOn}. Each round
     * keeps handshakes flowing (every handshaker opens one connection after another until it is
     * refused) so that some are always between their credential check and their registration
     * when the revocation lands.
     */
    private static void race(EmbeddedServer connectTo, EmbeddedServer revokeOn) throws Exception {
        String admin = revokeOn.createToken("admin", TokenKind.ADMIN, false).secret();
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                IssuedToken doomed = connectTo.createToken("doomed-" + round, TokenKind.API, false);
                AtomicInteger upgraded = new AtomicInteger();
                List<Future<Outcome>> connections = Collections.synchronizedList(new ArrayList<>());
                List<Future<?>> handshakers = new ArrayList<>();
                for (int i = 0; i < HANDSHAKERS; i++) {
                    // every third by ticket: the ticket path checks its token's liveness on its own
                    boolean byTicket = i % 3 == 0;
                    handshakers.add(threads.submit(() -> {
                        for (RawWebSocket socket = open(connectTo, doomed.secret(), byTicket); socket != null;
                                socket = open(connectTo, doomed.secret(), byTicket)) {
                            upgraded.incrementAndGet();
                            RawWebSocket opened = socket;
                            connections.add(threads.submit(() -> follow(opened)));
                        }
                        return null;
                    }));
                }
                Await.until("the first connections", Wire.WAIT, () -> upgraded.get() >= UPGRADES_BEFORE_REVOKING);
                assertEquals(204, Wire.revoke(revokeOn.httpUri(), admin, doomed.record().id()));
                revokeOn.publish(EventType.STREAM_OFFLINE, new StreamOffline());
                for (Future<?> handshaker : handshakers) {
                    handshaker.get();
                }
                List<Outcome> survivors = new ArrayList<>();
                for (Future<Outcome> connection : connections) {
                    Outcome outcome = connection.get();
                    if (outcome.closeCode() != CloseCodes.POLICY_VIOLATION || outcome.sawEvent()
                            || !AdminTokensResource.REVOKED_CLOSE_REASON.equals(outcome.reason())) {
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

    /** A connection of the token, or null once the token (or its ticket) is refused. */
    private static RawWebSocket open(EmbeddedServer node, String token, boolean byTicket) throws Exception {
        String target = "/api/ws";
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token);
        if (byTicket) {
            HttpResponse<String> ticket = Wire.ticketRequest(node.httpUri(), token);
            if (ticket.statusCode() != 200) {
                assertEquals(ApiError.AU2.status(), ticket.statusCode(), ticket.body());
                return null;
            }
            target += "?ticket=" + URLEncoder.encode(Wire.CODEC.parse(ticket.body()).orElseThrow().get("data")
                    .get("ticket").textValue(), StandardCharsets.UTF_8);
            headers = Map.of();
        }
        RawWebSocket socket = RawWebSocket.open(node.webSocketUri().getPort(), target, headers);
        int status = socket.response().status();
        if (status == 101) {
            return socket;
        }
        socket.close();
        assertEquals(byTicket ? HandshakeError.INVALID_TICKET.body() : HandshakeError.INVALID_TOKEN.body(),
                socket.response().body());
        return null;
    }

    /**
     * How one connection ended: the close code and reason, or -1 when none came within
     * {@link Wire#WAIT}, and whether an event reached it.
     */
    private record Outcome(int closeCode, String reason, boolean sawEvent) {
    }

    /** Subscribes once welcomed and reads until the server closes, at most {@link Wire#WAIT}. */
    private static Outcome follow(RawWebSocket socket) throws IOException {
        try (socket) {
            boolean sawEvent = false;
            long deadline = System.nanoTime() + Wire.WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                RawWebSocket.Frame frame;
                try {
                    frame = socket.readFrame(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
                } catch (IOException ended) {
                    return new Outcome(-1, "ended without a close frame: " + ended, sawEvent);
                }
                if (frame == null) {
                    break;
                }
                if (frame.opcode() == RawWebSocket.CLOSE) {
                    byte[] payload = frame.payload();
                    String reason = payload.length < 2 ? ""
                            : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                    return new Outcome(frame.closeCode(), reason, sawEvent);
                }
                if (frame.opcode() == RawWebSocket.TEXT) {
                    String type = Wire.CODEC.parse(frame.text()).orElseThrow().get("type").textValue();
                    if ("welcome".equals(type)) {
                        socket.sendText(SUBSCRIBE);
                    }
                    sawEvent |= "event".equals(type);
                }
            }
            return new Outcome(-1, "still open", sawEvent);
        }
    }
}
