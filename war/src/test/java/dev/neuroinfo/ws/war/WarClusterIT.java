package dev.neuroinfo.ws.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.server.redis.RedisProcess;
import dev.neuroinfo.ws.wire.Teardown;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two copies of the WAR, each in an embedded Tomcat of its own, on one real redis-server
 * ({@code NEUROINFO_REDIS}, as docs/deployment.md has an operator run a cluster of WARs): a ticket
 * one node issued is redeemed on the other, once only, and an event published on one reaches a
 * subscriber of the other.
 */
class WarClusterIT {
    @TempDir
    Path work;

    @Test
    void twoWarsOnOneRedisAreOneCluster() throws Exception {
        Path war = Path.of(System.getProperty("neuroinfo.war", "target/neuroinfo-server.war"));
        assertTrue(Files.isRegularFile(war), "the packaged WAR at " + war);
        List<AutoCloseable> running = new ArrayList<>();
        try {
            RedisProcess redis = RedisProcess.start(work.resolve("redis"));
            running.add(redis);
            WarContainer tomcat = TomcatWarIT::start;
            WarContainer.Started nodeA = tomcat.startOnFreePort(war, work.resolve("a"), on -> List.of(node(on, redis)));
            running.add(nodeA.container());
            WarContainer.Started nodeB = tomcat.startOnFreePort(war, work.resolve("b"), on -> List.of(node(on, redis)));
            running.add(nodeB.container());
            int a = nodeA.port();
            int b = nodeB.port();
            // the first node to start created the cluster's tokens and wrote its admin token
            AdminClient admin = new AdminClient(uri("http", a, ""), dataDir(a));
            String token = admin.create("cluster", false).secret();

            String ticket = ticket(a, token);
            RawHandshake.Answer onB = RawHandshake.upgrade(uri("ws", b, "/api/ws?ticket=" + ticket), null);
            assertEquals(101, onB.status(), "a ticket from node A on node B: " + onB);
            assertEquals("welcome", AdminClient.JSON.readTree(onB.body()).path("type").asText(), onB.body());
            RawHandshake.Answer again = RawHandshake.upgrade(uri("ws", a, "/api/ws?ticket=" + ticket), null);
            assertEquals(401, again.status(), "the same ticket again, on node A: " + again);

            try (EventSubscriber subscriber = EventSubscriber.open(uri("ws", b, "/api/ws"), token,
                    EventType.STREAM_RAID_INCOMING)) {
                admin.publish(EventType.STREAM_RAID_INCOMING, new StreamRaid(new RaidChannel("Cluster", "cluster", "7"), 42));
                JsonNode event = subscriber.nextEvent();
                assertEquals(42, event.path("eventData").path("viewerCount").asLong(), "the raid published on A, on B: "
                        + event);
            }
        } finally {
            Collections.reverse(running);
            Teardown.closeAll(running);
        }
    }

    private Deployment node(int port, RedisProcess redis) {
        return new Deployment("", Map.of(
                "NEUROINFO_DATA_DIR", dataDir(port).toString(),
                "NEUROINFO_PUBLIC_WS_URL", uri("ws", port, "/api/ws").toString(),
                "NEUROINFO_REDIS", redis.uri()));
    }

    private Path dataDir(int port) {
        return work.resolve("data-" + port);
    }

    private static String ticket(int port, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri("http", port, "/api/ws/ticket")).header("Authorization", "Bearer " + token)
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return AdminClient.JSON.readTree(response.body()).path("data").path("ticket").asText();
    }

    private static URI uri(String scheme, int port, String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }
}
