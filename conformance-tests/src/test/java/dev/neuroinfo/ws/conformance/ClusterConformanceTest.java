package dev.neuroinfo.ws.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"));
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

    /** A redis-server of this test's own on a free port; absent redis-server fails the test (CI installs it). */
    private static final class RedisServer implements AutoCloseable {
        private final Process process;
        private final int port;

        private RedisServer(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static RedisServer start(Path dir) throws IOException, InterruptedException {
            Files.createDirectories(dir);
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Process process = new ProcessBuilder(executable(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            RedisServer redis = new RedisServer(process, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!redis.answersPing()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    redis.close();
                    throw new IllegalStateException("redis-server did not start:\n" + Files.readString(dir.resolve("redis.log")));
                }
                Thread.sleep(20);
            }
            return redis;
        }

        private static String executable() {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
            throw new IllegalStateException("redis-server is not installed: the cluster conformance test needs it "
                    + "(Debian: apt-get install redis-server; .ci/run installs it)");
        }

        private boolean answersPing() {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("+PONG");
            } catch (IOException e) {
                return false;
            }
        }

        String uri() {
            return "redis://127.0.0.1:" + port;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
