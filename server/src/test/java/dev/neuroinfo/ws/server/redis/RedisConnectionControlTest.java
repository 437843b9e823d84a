package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.ConnectionControlContract;
import dev.neuroinfo.ws.server.TwoNodes;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.events.Broadcaster;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import dev.neuroinfo.ws.server.ws.ConnectionRegistry;
import dev.neuroinfo.ws.server.ws.RegisteredConnection;
import dev.neuroinfo.ws.wire.Teardown;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster's connection control, as RedisBackplane wires it on each of two nodes sharing one
 * real Redis: a {@link RedisConnectionControl} over the node's registry, and the node's
 * {@link RedisEventFeed} acting on the other nodes' revocations. Beyond the contract: with Redis
 * unreachable, a revocation still closes this node's connections and does not fail.
 */
class RedisConnectionControlTest extends ConnectionControlContract {
    @RegisterExtension
    static final RedisNodes REDIS = new RedisNodes();

    private final List<AutoCloseable> running = new ArrayList<>();

    @Override
    protected TwoNodes<Node> nodes() {
        return REDIS.each((link, nodeId) -> {
            MessageCodec codec = new MessageCodec();
            ServerMetrics metrics = new ServerMetrics();
            ConnectionRegistry registry = new ConnectionRegistry(1, metrics);
            Broadcaster broadcaster = new Broadcaster(codec, registry, metrics);
            running.add(broadcaster);
            running.add(new RedisEventFeed(link, codec, broadcaster, registry));
            return new Node(new RedisConnectionControl(link, registry), registry);
        });
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(running);
        Teardown.closeAll(running);
    }

    @Test
    void withRedisUnreachableARevocationStillClosesThisNodesConnections() throws Exception {
        RegisteredConnection here = RegisteredConnection.authenticated(a.registry(), new Grant("t1", "alice", false));
        RegisteredConnection there = RegisteredConnection.authenticated(b.registry(), new Grant("t1", "alice", false));
        REDIS.process().saveAndStop();
        try {
            a.control().closeConnectionsOfToken("t1", CloseReasons.TOKEN_REVOKED.code(), CloseReasons.TOKEN_REVOKED.text());

            assertNotNull(here.closed());
            assertEquals(CloseReasons.TOKEN_REVOKED.text(), here.closed().getReasonPhrase());
            assertNull(there.closed(), "the other node cannot be told (RevocationSweep catches up later)");
        } finally {
            REDIS.process().start();
            Await.until("both nodes to reconnect to Redis", Duration.ofSeconds(10),
                    () -> REDIS.links().first().reachable() && REDIS.links().second().reachable());
        }
    }
}
