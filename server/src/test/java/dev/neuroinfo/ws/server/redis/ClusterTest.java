package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.protocol.CloseCodes;
import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import dev.neuroinfo.ws.server.it.RawWebSocket;
import dev.neuroinfo.ws.wire.Teardown;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three nodes sharing one Redis behave as one server. */
class ClusterTest {
    @TempDir
    static Path dir;
    static RedisProcess redis;
    static EmbeddedServer a;
    static EmbeddedServer b;
    static EmbeddedServer c;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisProcess.start(dir.resolve("redis"));
        a = node("a");
        b = node("b");
        c = node("c");
    }

    static EmbeddedServer node(String name) throws IOException {
        return EmbeddedServer.start(ServerConfig.builder().ports(0, 0).dataDir(dir.resolve(name))
                .redisUri(redis.uri()).build());
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.closeAll(a, b, c, redis);
    }

    private static String token(EmbeddedServer node, String user) {
        return node.createToken(user, TokenKind.API, false).secret();
    }

    @Test
    void onlyOneNodeCreatesTheFirstTokens() {
        long bootstrapped = List.of(a, b, c).stream().filter(n -> n.bootstrapTokens().isPresent()).count();
        assertEquals(1, bootstrapped);
    }

    @Test
    void aTicketFromOneNodeIsRedeemedOnAnotherOnce() throws Exception {
        String token = token(a, "tickets");
        String ticket = Wire.ticket(a.httpUri(), token);
        String query = "ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
        assertEquals(101, Wire.handshake(b.webSocketUri(), query, null).status());
        RawWebSocket.Response again = Wire.handshake(a.webSocketUri(), query, null);
        assertEquals(HandshakeError.INVALID_TICKET.status(), again.status());
        assertEquals(HandshakeError.INVALID_TICKET.body(), again.body());
    }

    @Test
    void fiveConnectionsSpreadOverNodesTheSixthIsRefusedOnEither() throws Exception {
        String token = token(b, "limited");
        List<Wire.Session> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(Wire.connect((i % 2 == 0 ? a : b).webSocketUri(), token));
            }
            for (EmbeddedServer node : List.of(a, b, c)) {
                RawWebSocket.Response sixth = Wire.handshake(node.webSocketUri(), null, token);
                assertEquals(HandshakeError.CONNECTION_LIMIT.status(), sixth.status(), sixth.body());
                assertEquals(HandshakeError.CONNECTION_LIMIT.body(), sixth.body());
            }
            open.remove(0).close();
            Await.until("the closed connection's slot to come back", Wire.WAIT,
                    () -> a.services().slots().held("limited") == 4);
            open.add(Wire.connect(c.webSocketUri(), token));
            assertEquals(HandshakeError.CONNECTION_LIMIT.status(), Wire.handshake(b.webSocketUri(), null, token).status());
        } finally {
            open.forEach(Wire.Session::close);
        }
    }

    @Test
    void revokingATokenOnOneNodeClosesItsConnectionsOnEveryNode() throws Exception {
        IssuedToken doomed = a.createToken("revoked", TokenKind.API, false);
        String admin = a.createToken("admin", TokenKind.ADMIN, false).secret();
        try (Wire.Session onB = Wire.connect(b.webSocketUri(), doomed.secret());
             Wire.Session onC = Wire.connect(c.webSocketUri(), doomed.secret())) {
            assertEquals(204, Wire.revoke(a.httpUri(), admin, doomed.record().id()));
            for (Wire.Session session : List.of(onB, onC)) {
                Await.until("the revoked token's connection to close", Wire.WAIT, session::isClosed);
                assertEquals(CloseCodes.POLICY_VIOLATION, session.closeCode());
            }
            assertEquals(HandshakeError.INVALID_TOKEN.status(),
                    Wire.handshake(b.webSocketUri(), null, doomed.secret()).status());
        }
    }
}
