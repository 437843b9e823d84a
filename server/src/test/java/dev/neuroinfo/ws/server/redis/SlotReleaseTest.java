package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import dev.neuroinfo.ws.server.it.RawWebSocket;
import dev.neuroinfo.ws.wire.Teardown;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LIM-9 in a cluster while Redis does not answer: slow consumers closed by a fan-out give their
 * slots back without holding that fan-out, so healthy subscribers keep receiving, and the slots are
 * free in Redis once it answers again. Before, each release waited for Redis (up to 2 s) on the
 * fan-out's thread, so {@value #SLOW} slow consumers held the events for about 16 s.
 */
class SlotReleaseTest {
    private static final int SLOW = 8;
    private static final String PADDING = "x".repeat(32 * 1024);

    @TempDir
    Path dir;
    RedisProcess redis;
    StallingProxy proxy;
    EmbeddedServer node;
    EmbeddedServer publisher;

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start(dir.resolve("redis"));
        proxy = StallingProxy.start(redis.uri());
        node = EmbeddedServer.start(ServerConfig.builder().ports(0, 0).dataDir(dir.resolve("node"))
                .outboundQueueLimit(8).redisUri(proxy.uri()).build());
        publisher = EmbeddedServer.start(ServerConfig.builder().ports(0, 0).dataDir(dir.resolve("publisher"))
                .redisUri(redis.uri()).build());
    }

    @AfterEach
    void stop() throws Exception {
        Teardown.closeAll(node, publisher, proxy, redis);
    }

    @Test
    void closingSlowConsumersDuringAFanOutNeverWaitsForRedis() throws Exception {
        // the node's first connection carries its commands (slot releases among them), the second its event feed
        assertEquals(2, proxy.connections());
        List<RawWebSocket> slow = new ArrayList<>();
        try (Wire.Session healthy = Wire.connect(node.webSocketUri(), token("healthy"))) {
            healthy.subscribe(EventType.STREAM_OFFLINE);
            for (int i = 0; i < SLOW; i++) {
                slow.add(slowConsumer("slow-" + i));
            }
            assertEquals(SLOW + 1, node.services().connections().openConnections());

            proxy.stall(0);
            AtomicBoolean flooding = new AtomicBoolean(true);
            Thread flood = new Thread(() -> {
                for (int i = 0; flooding.get(); i++) {
                    publisher.publish(EventType.STREAM_RAID_INCOMING, new StreamRaid(new RaidChannel(PADDING, "n", "1"), i));
                }
            }, "flood");
            flood.start();
            try {
                Await.until("the fan-out to close every slow consumer", Wire.WAIT,
                        () -> node.services().connections().openConnections() == 1);
            } finally {
                flooding.set(false);
                flood.join();
            }
            long at = publisher.publish(EventType.STREAM_OFFLINE, new StreamOffline());
            assertEquals(at, healthy.nextEvent().get("timestamp").asLong(),
                    "the healthy subscriber gets the next event while Redis still holds back the releases");

            proxy.resume(0);
            for (int i = 0; i < SLOW; i++) {
                String user = "slow-" + i;
                Await.until(user + "'s slot to be free in Redis", Wire.WAIT, () -> publisher.services().slots().held(user) == 0);
            }
            Await.until("the open connection's slot to stay counted", Wire.WAIT,
                    () -> publisher.services().slots().held("healthy") == 1);
        } finally {
            for (RawWebSocket socket : slow) {
                socket.close();
            }
        }
    }

    private String token(String user) {
        return node.createToken(user, TokenKind.API, false).secret();
    }

    /** A limited connection subscribed to raids that never reads again. */
    private RawWebSocket slowConsumer(String user) throws Exception {
        RawWebSocket socket = RawWebSocket.open(node.webSocketUri().getPort(), "/api/ws",
                Map.of("Authorization", "Bearer " + token(user)));
        assertEquals(101, socket.response().status(), socket.response().body());
        assertTrue(socket.nextText(Wire.WAIT).contains("welcome"));
        socket.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"" + EventType.STREAM_RAID_INCOMING.wireName()
                + "\"}}");
        assertTrue(socket.nextText(Wire.WAIT).contains("addSuccess"));
        return socket;
    }
}
