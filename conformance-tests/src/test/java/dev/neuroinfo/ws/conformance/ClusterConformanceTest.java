package dev.neuroinfo.ws.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import dev.neuroinfo.ws.server.redis.RedisProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes sharing one Redis pass the suite as one server: the suite's HTTP side (tickets, the
 * admin API that publishes its events) goes to node A and its WebSockets to node B, so every
 * ticket, connection limit and event crosses the cluster. The nodes run the recovery extension,
 * so its history and latest state are read from the node that did not send the events. Each case
 * is a JUnit test.
 */
class ClusterConformanceTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyCasePassesWithHttpOnOneNodeAndWebSocketsOnAnother() throws Exception {
        SuiteRun run = runOnCluster(dir, false, List.of());
        return run.results().stream().map(r -> DynamicTest.dynamicTest(
                r.verdict() + " " + r.testCase().id() + " (" + r.testCase().clause() + ") " + r.testCase().title(), () -> {
                    // In-band cases need a server with that mode on (the run below); everything else must pass.
                    boolean expectedSkip = r.verdict() == Verdict.SKIP && r.testCase().needs().contains(Need.INBAND_AUTH);
                    assertTrue(r.verdict() == Verdict.PASS || expectedSkip,
                            () -> r.verdict() + " " + r.detail() + "\n" + String.join("\n", r.wire()));
                }));
    }

    /**
     * The in-band cases, skipped by the run above, on a cluster with in-band auth on: a token
     * authenticated on node B was issued by node A, through Redis.
     */
    @TestFactory
    Stream<DynamicTest> inbandAuthCasesPassOnAClusterWithInbandAuthOn() throws Exception {
        return OwnServerConformanceTest.everyInbandCasePassed(runOnCluster(dir, true, List.of("IBA-*")));
    }

    private static SuiteRun runOnCluster(Path dir, boolean inband, List<String> only) throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
             EmbeddedServer b = node(dir.resolve("b"), redis.uri(), null, inband);
             // As behind a load balancer: tickets name the WebSocket URL clients use, here node B's.
             EmbeddedServer a = node(dir.resolve("a"), redis.uri(), b.webSocketUri().toString(), inband)) {
            SuiteConfig suite = SuiteConfig.of(a.httpUri(), b.webSocketUri(),
                            a.createToken("cluster-t1", TokenKind.API, false).secret())
                    .withToken2(b.createToken("cluster-t2", TokenKind.API, false).secret())
                    .withUnlimitedToken(a.createToken("cluster-unlimited", TokenKind.API, true).secret())
                    .withAdminToken(b.createToken("cluster-admin", TokenKind.ADMIN, false).secret())
                    .withRateLimitToken(a.createToken("cluster-rate", TokenKind.API, false).secret())
                    .withTimings(OwnServer.PING, OwnServer.IDLE, OwnServer.TICKET_TTL, OwnServer.INBAND_DEADLINE)
                    .withInbandAuth(inband)
                    .withOnly(only);
            return ConformanceSuite.run(suite, r -> { });
        }
    }

    private static EmbeddedServer node(Path dataDir, String redisUri, String publicWebSocketUrl, boolean inband)
            throws IOException {
        return EmbeddedServer.start(ServerConfig.builder()
                .ports(0, 0)
                .dataDir(dataDir)
                .pingInterval(OwnServer.PING)
                .idleTimeout(OwnServer.IDLE)
                .ticketTtl(OwnServer.TICKET_TTL)
                .inbandAuth(inband)
                .inbandAuthTimeout(OwnServer.INBAND_DEADLINE)
                .publicWebSocketUrl(publicWebSocketUrl)
                .recovery(RecoverySettings.ON)
                .redisUri(redisUri)
                .build());
    }
}
