package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.redis.RedisProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that embeds the server (tests, redeploys, a supervisor) starts and stops it many
 * times in one JVM: every thread a start made must be gone once {@code close()} returns, so
 * that nothing accumulates.
 */
class CloseReleasesThreadsTest {
    private static final int STARTS = 3;
    /**
     * Only for a thread that close() told to stop and that returned but is not yet gone (Grizzly's
     * HttpServer-N, which it cannot wait for); anything still waiting or working stays and fails.
     */
    private static final Duration LEAVING = Duration.ofSeconds(2);

    @TempDir
    Path dataDir;

    @Test
    void closeLeavesNoThreadOfTheServerBehindAfterEachOfSeveralStarts() throws Exception {
        startUseAndClose(UnaryOperator.identity());
    }

    @Test
    void closeLeavesNoThreadOfTheServerOrItsRedisClientBehind() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dataDir.resolve("redis"))) {
            startUseAndClose(config -> config.redisUri(redis.uri()));
        }
    }

    private void startUseAndClose(UnaryOperator<ServerConfig.Builder> tweak) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        for (int start = 1; start <= STARTS; start++) {
            TestServer server = TestServer.start(dataDir.resolve("data"), tweak);
            String ticket = server.ticket(server.token("threads"));
            RawWebSocket socket = RawWebSocket.open(server.wsPort(), "/api/ws?ticket=" + ticket, Map.of());
            assertEquals(101, socket.response().status(), socket.response().body());
            assertTrue(socket.nextText(TestServer.WAIT).contains("welcome"));
            socket.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOffline\"}}");
            assertTrue(socket.nextText(TestServer.WAIT).contains("addSuccess"));
            server.publish(EventType.STREAM_OFFLINE, new StreamOffline());
            assertTrue(socket.nextText(TestServer.WAIT).contains("streamOffline"));
            // closed with the client still connected, as an application stopping under load does
            server.close();
            socket.close();
            awaitNoThreadBeyond(before, "after start " + start);
        }
    }

    private static void awaitNoThreadBeyond(Set<Thread> before, String when) throws InterruptedException {
        long deadline = System.nanoTime() + LEAVING.toNanos();
        Map<Thread, StackTraceElement[]> left = leftover(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = leftover(before);
        }
        assertTrue(left.isEmpty(), () -> "threads alive " + when + ":\n" + describe(leftover(before)));
    }

    /** Live threads that were not there before the first start, but for the JDK's and this test's own. */
    private static Map<Thread, StackTraceElement[]> leftover(Set<Thread> before) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().isAlive() && !before.contains(entry.getKey()))
                .filter(entry -> !notTheServers(entry.getKey().getName()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The JDK's shared threads (the common pool, the HTTP keep-alive timer, a jstack's attach
     * listener) and those of the HTTP client TestServer asks for tickets with, which live with the
     * client, not with the server.
     */
    private static boolean notTheServers(String name) {
        return name.startsWith("ForkJoinPool.commonPool-") || name.startsWith("HttpClient-")
                || name.equals("Keep-Alive-Timer") || name.equals("Attach Listener");
    }

    private static String describe(Map<Thread, StackTraceElement[]> threads) {
        return threads.entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getKey().getState() + Arrays.stream(entry.getValue())
                        .map(frame -> "\n    at " + frame).collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
    }
}
