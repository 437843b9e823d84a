package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import dev.neuroinfo.ws.server.it.RawWebSocket;
import dev.neuroinfo.ws.wire.Teardown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis goes away and comes back: meanwhile nodes answer with the documented errors, and
 * afterwards they serve again by themselves, with everything Redis kept.
 */
class RedisOutageTest {
    @TempDir
    Path dir;
    RedisProcess redis;
    EmbeddedServer a;
    EmbeddedServer b;

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start(dir.resolve("redis"));
        a = node("a");
        b = node("b");
    }

    private EmbeddedServer node(String name) throws Exception {
        return EmbeddedServer.start(ServerConfig.builder().ports(0, 0).dataDir(dir.resolve(name))
                .redisUri(redis.uri()).build());
    }

    @AfterEach
    void stop() throws Exception {
        Teardown.closeAll(a, b, redis);
    }

    @Test
    void readinessAndRedisMetricsFollowRedis() throws Exception {
        String admin = a.createToken("ops", TokenKind.ADMIN, false).secret();
        String token = a.createToken("viewer", TokenKind.API, false).secret();
        assertEquals(200, get(a, "/api/ready", null).statusCode());
        assertTrue(get(a, "/api/health", null).body().contains("ok"));
        assertTrue(get(a, "/metrics", admin).body().contains("neuroinfo_redis_command_duration_seconds_count{command=\""),
                "a node that started has talked to Redis");

        redis.saveAndStop();
        Await.until("node A to report not ready", Wire.WAIT, () -> get(a, "/api/ready", null).statusCode() == 503);
        HttpResponse<String> notReady = get(a, "/api/ready", null);
        assertTrue(notReady.body().contains("\"" + ApiError.AP5.code() + "\"") && notReady.body().contains("Redis"),
                notReady.body());
        assertEquals(200, get(a, "/api/health", null).statusCode(), "liveness does not depend on Redis");
        assertEquals(ApiError.AP1.status(), Wire.ticketRequest(a.httpUri(), token).statusCode());

        redis.start();
        Await.until("node A to report ready again", Wire.WAIT, () -> get(a, "/api/ready", null).statusCode() == 200);
        String metrics = get(a, "/metrics", admin).body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("neuroinfo_redis_command_errors_total{")
                && !line.endsWith(" 0.0")), "the outage's failed commands are counted:\n" + metrics);
    }

    private static HttpResponse<String> get(EmbeddedServer node, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.httpUri() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nodesRefuseWhileRedisIsDownAndRecoverWithWhatRedisKept() throws Exception {
        String token = a.createToken("steady", TokenKind.API, false).secret();
        try (Wire.Session listener = Wire.connect(b.webSocketUri(), token)) {
            listener.subscribe(EventType.STREAM_OFFLINE);

            redis.saveAndStop();
            RawWebSocket.Response handshake = Wire.handshake(a.webSocketUri(), null, token);
            assertEquals(HandshakeError.AUTHENTICATION_ERROR.status(), handshake.status());
            assertEquals(HandshakeError.AUTHENTICATION_ERROR.body(), handshake.body());
            HttpResponse<String> ticket = Wire.ticketRequest(a.httpUri(), token);
            assertEquals(ApiError.AP1.status(), ticket.statusCode());
            assertTrue(ticket.body().contains("\"" + ApiError.AP1.code() + "\""), ticket.body());
            assertThrows(RuntimeException.class, () -> a.publish(EventType.STREAM_OFFLINE, new StreamOffline()),
                    "an event Redis cannot take is not accepted");

            redis.start();
            Await.until("node A to serve tickets again", Wire.WAIT,
                    () -> statusOfTicketRequest(a, token) == 200);
            long at = a.publish(EventType.STREAM_OFFLINE, new StreamOffline());
            assertEquals(at, listener.nextEvent().get("timestamp").asLong(),
                    "the connection open through the outage gets events published on another node");
            try (Wire.Session again = Wire.connect(a.webSocketUri(), token)) {
                assertEquals(false, again.isClosed());
            }
        }
    }

    @Test
    void nodesRecoverFromARedisThatLostEverything() throws Exception {
        String lost = a.createToken("forgotten", TokenKind.API, false).secret();
        redis.kill();
        redis.start();
        // each node's link reconnects on its own schedule; until it has, that node refuses (HS: Authentication error)
        Await.until("node B to answer from the new Redis", Wire.WAIT, () -> statusOfTicketRequest(b, lost) == 401);
        Await.until("node A to answer from the new Redis", Wire.WAIT, () -> statusOfTicketRequest(a, lost) == 401);
        String fresh = b.createToken("newcomer", TokenKind.API, false).secret();
        try (Wire.Session listener = Wire.connect(a.webSocketUri(), fresh)) {
            listener.subscribe(EventType.STREAM_OFFLINE);
            long at = b.publish(EventType.STREAM_OFFLINE, new StreamOffline());
            assertEquals(at, listener.nextEvent().get("timestamp").asLong());
        }
    }

    private static int statusOfTicketRequest(EmbeddedServer node, String token) {
        try {
            return Wire.ticketRequest(node.httpUri(), token).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
