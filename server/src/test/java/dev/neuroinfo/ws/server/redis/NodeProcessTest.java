package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.neuroinfo.ws.server.OnFreePort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A node counts as up only on its own word, not on any answer from its port. */
class NodeProcessTest {
    @TempDir
    Path dir;

    @Timeout(120)
    @Test
    void anotherProcessAnsweringHealthOnTheNodesPortIsNotTheNode() throws Exception {
        HttpServer impostor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        impostor.createContext("/api/health", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        impostor.start();
        try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"))) {
            int taken = impostor.getAddress().getPort();
            Exception failure = assertThrows(IllegalStateException.class,
                    () -> NodeProcess.startOn(taken, dir.resolve("node"), redis.uri()));
            // so that start() tries another pair of ports
            assertTrue(OnFreePort.portTaken(failure), failure.getMessage());
        } finally {
            impostor.stop(0);
        }
    }
}
