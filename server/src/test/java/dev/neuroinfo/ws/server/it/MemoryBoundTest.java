package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.CloseCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with a 256 MB heap under the floods that used to take gigabytes: pings from clients
 * that never read their pongs (in-band mode, no credential needed, and the rate limit raised so
 * that only the outbound budget stands in the way) and frame headers declaring a terabyte. After a
 * bounded attack the server still answers its health endpoint and serves another user.
 */
class MemoryBoundTest {
    private static final Duration ATTACK = Duration.ofSeconds(6);
    private static final int PING_FLOODERS = 6;
    private static final int HUGE_HEADERS = 2;

    @TempDir
    Path dataDir;

    private static byte[] pings(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.write(0x89);
            out.write(0x80 | 125);
            out.writeBytes(new byte[4 + 125]);
        }
        return out.toByteArray();
    }

    private static void pingFlood(ChildServer child, long endNanos) {
        byte[] batch = pings(1000);
        while (System.nanoTime() < endNanos) {
            try (RawWebSocket socket = RawWebSocket.open(child.wsPort(), "/api/ws", Map.of(), 4096)) {
                while (System.nanoTime() < endNanos) {
                    socket.sendRaw(batch);
                }
            } catch (IOException closedByTheServer) {
                // a flood may be cut off; the attacker comes back
            }
        }
    }

    private static int hugeHeaders(ChildServer child, long endNanos) throws IOException {
        byte[] header = ByteBuffer.allocate(14).put((byte) 0x81).put((byte) (0x80 | 127)).putLong(1L << 40).putInt(7)
                .array();
        int closedWith1009 = 0;
        while (System.nanoTime() < endNanos) {
            try (RawWebSocket socket = RawWebSocket.open(child.wsPort(), "/api/ws", Map.of())) {
                socket.sendRaw(header);
                socket.sendRaw(new byte[64 * 1024]);
                if (socket.awaitClose(TestServer.WAIT, false) == CloseCodes.MESSAGE_TOO_BIG) {
                    closedWith1009++;
                }
            } catch (IOException reset) {
                // the server may drop the socket while the payload is still being sent
            }
        }
        return closedWith1009;
    }

    @Timeout(120)
    @Test
    void floodsLeaveASmallHeapServing() throws Exception {
        try (ChildServer child = ChildServer.start(dataDir, List.of("-Xmx256m"),
                List.of("--inband-auth", "--message-burst", "10000000", "--message-rate", "10000000"))) {
            long end = System.nanoTime() + ATTACK.toNanos();
            ExecutorService attackers = Executors.newFixedThreadPool(PING_FLOODERS + HUGE_HEADERS);
            List<Future<Integer>> headerResults = new ArrayList<>();
            try {
                for (int i = 0; i < PING_FLOODERS; i++) {
                    attackers.submit(() -> pingFlood(child, end));
                }
                for (int i = 0; i < HUGE_HEADERS; i++) {
                    headerResults.add(attackers.submit(() -> hugeHeaders(child, end)));
                }
                AtomicInteger closed = new AtomicInteger();
                for (Future<Integer> result : headerResults) {
                    closed.addAndGet(result.get());
                }
                assertTrue(closed.get() > 0, "huge frame headers are closed with 1009");
            } finally {
                attackers.shutdownNow();
            }
            assertTrue(child.process.isAlive(), "the server survived");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(child.httpBase() + "/api/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            servesAnotherUser(child, http);
        }
    }

    /** A ticket, a handshake with it, a subscription and one published event. */
    private static void servesAnotherUser(ChildServer child, HttpClient http) throws Exception {
        HttpResponse<String> ticket = http.send(HttpRequest.newBuilder(URI.create(child.httpBase() + "/api/ws/ticket"))
                .header("Authorization", "Bearer " + child.apiToken).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ticket.statusCode(), ticket.body());
        String value = TestServer.CODEC.parse(ticket.body()).orElseThrow().get("data").get("ticket").textValue();
        try (RawWebSocket socket = RawWebSocket.open(child.wsPort(), "/api/ws?ticket=" + value, Map.of())) {
            assertEquals(101, socket.response().status());
            assertTrue(socket.nextText(TestServer.WAIT).contains("welcome"));
            socket.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOffline\"}}");
            assertTrue(socket.nextText(TestServer.WAIT).contains("streamOffline"));
            HttpResponse<String> published = http.send(HttpRequest.newBuilder(
                            URI.create(child.httpBase() + "/api/admin/events"))
                    .header("Authorization", "Bearer " + child.adminToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"eventType\":\"streamOffline\",\"eventData\":{\"isLive\":false}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, published.statusCode(), published.body());
            String event = socket.nextText(TestServer.WAIT);
            assertTrue(event.contains("\"isLive\":false"), event);
        }
    }
}
