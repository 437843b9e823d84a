package dev.neuroinfo.ws.proxy;

import dev.neuroinfo.ws.conformance.SuiteConfig;
import dev.neuroinfo.ws.protocol.TwoPorts;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import dev.neuroinfo.ws.server.redis.RedisProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server behind nginx configured as {@code docs/nginx/two-ports.conf} shows, with
 * TLS: one node, then two nodes on one Redis. The suite passes over https and wss, and no ticket
 * reaches nginx's logs.
 *
 * <p>Nginx starts first, on a free port (again on another when that was taken), since its port is
 * in the nodes' public WebSocket URL. The nodes' ports, which its configuration names, are held
 * meanwhile and given back only as each node binds them.
 */
class NginxEmbeddedTest {
    // short timings, so that the suite's waiting cases run in seconds
    private static final Duration PING = Duration.ofMillis(500);
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Duration TICKET_TTL = Duration.ofSeconds(2);
    private static final Duration INBAND_DEADLINE = Duration.ofSeconds(2);
    private static final String HOST = "127.0.0.1";

    private static SelfSignedCertificate tls;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificate(@TempDir Path tlsDir) throws Exception {
        tls = SelfSignedCertificate.createAndTrust(tlsDir);
    }

    @Test
    void oneNode() throws Exception {
        try (TwoPorts.Reservation ports = TwoPorts.reservePair(HOST);
             Nginx nginx = Nginx.start(Nginx.TWO_PORTS, tls, upstreams(ports, null), dir.resolve("nginx"));
             EmbeddedServer node = node(dir.resolve("node"), null, nginx.port(), ports)) {
            ThroughNginx.assertSuitePasses("one-node", suite(nginx.port(), node, node));
            ThroughNginx.assertNoTicketLogged(nginx, token(node, "log"));
        }
    }

    /** Both nodes in both upstreams: nginx spreads every request and connection over the cluster. */
    @Test
    void twoNodesOnOneRedis() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
             TwoPorts.Reservation aPorts = TwoPorts.reservePair(HOST);
             TwoPorts.Reservation bPorts = TwoPorts.reservePair(HOST);
             Nginx nginx = Nginx.start(Nginx.TWO_PORTS, tls, upstreams(aPorts, bPorts), dir.resolve("nginx"));
             EmbeddedServer a = node(dir.resolve("a"), redis.uri(), nginx.port(), aPorts);
             EmbeddedServer b = node(dir.resolve("b"), redis.uri(), nginx.port(), bPorts)) {
            ThroughNginx.assertSuitePasses("two-nodes", suite(nginx.port(), a, b));
            ThroughNginx.assertNoTicketLogged(nginx, token(b, "log"));
        }
    }

    /** A node on the reserved pair of ports, given back just before it binds them again. */
    private static EmbeddedServer node(Path dataDir, String redis, int nginxPort, TwoPorts.Reservation ports)
            throws IOException {
        ports.close();
        return EmbeddedServer.start(ServerConfig.builder()
                .host(HOST)
                .ports(ports.port(), ports.port() + 1)
                .dataDir(dataDir)
                .pingInterval(PING)
                .idleTimeout(IDLE)
                .ticketTtl(TICKET_TTL)
                .inbandAuthTimeout(INBAND_DEADLINE)
                .publicWebSocketUrl(ThroughNginx.wss(nginxPort).toString())
                .redisUri(redis)
                .build());
    }

    /** The suite through nginx, with tokens made on node a and on node b (in a cluster, each valid on both). */
    private static SuiteConfig suite(int port, EmbeddedServer a, EmbeddedServer b) {
        return SuiteConfig.of(ThroughNginx.https(port), ThroughNginx.wss(port), token(a, "t1"))
                .withToken2(token(b, "t2"))
                .withUnlimitedToken(a.createToken("unlimited", TokenKind.API, true).secret())
                .withAdminToken(b.createToken("admin", TokenKind.ADMIN, false).secret())
                .withRateLimitToken(token(a, "rate"))
                .withTimings(PING, IDLE, TICKET_TTL, INBAND_DEADLINE);
    }

    private static String token(EmbeddedServer node, String user) {
        return node.createToken(user, TokenKind.API, false).secret();
    }

    /** The documented upstream addresses to node a's ports and b's; without b its lines go. */
    private static Map<String, String> upstreams(TwoPorts.Reservation a, TwoPorts.Reservation b) {
        Map<String, String> upstreams = new HashMap<>();
        upstreams.put("10.0.0.11:8080", HOST + ":" + a.port());
        upstreams.put("10.0.0.11:8081", HOST + ":" + (a.port() + 1));
        upstreams.put("10.0.0.12:8080", b == null ? null : HOST + ":" + b.port());
        upstreams.put("10.0.0.12:8081", b == null ? null : HOST + ":" + (b.port() + 1));
        return upstreams;
    }
}
