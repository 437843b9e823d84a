package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.message.EventId;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.ConnectionControl;
import dev.neuroinfo.ws.server.TwoNodes;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.events.Broadcaster;
import dev.neuroinfo.ws.server.events.EventSeamsContract;
import dev.neuroinfo.ws.server.events.ReceivedEvents;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import dev.neuroinfo.ws.wire.Teardown;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster's event seams, as RedisBackplane wires them on each of two nodes sharing one real
 * Redis: a {@link RedisEventPublisher} into the event stream, a {@link RedisEventFeed} from it into
 * the node's {@link Broadcaster}, and the {@link RedisEventHistory} the scripts keep beside it.
 */
class RedisEventSeamsTest extends EventSeamsContract {
    @RegisterExtension
    static final RedisNodes REDIS = new RedisNodes();

    /** Revocations travel the same stream; these tests publish none. */
    private static final ConnectionControl NO_CONNECTIONS = new ConnectionControl() {
        @Override
        public void closeConnectionsOfToken(String tokenId, int closeCode, String reason) {
            throw new AssertionError("no revocation was published");
        }

        @Override
        public int openConnections() {
            return 0;
        }
    };

    private final List<AutoCloseable> running = new ArrayList<>();

    @Override
    protected TwoNodes<Node> deploy(Duration window, RecoverySettings recovery) {
        return REDIS.each((link, node) -> node(link, node, window, recovery));
    }

    private Node node(RedisLink link, String nodeId, Duration window, RecoverySettings recovery) {
        MessageCodec codec = new MessageCodec();
        ReceivedEvents received = new ReceivedEvents();
        Broadcaster broadcaster = new Broadcaster(codec, received, new ServerMetrics());
        running.add(broadcaster);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        running.add(timer::shutdownNow);
        running.add(new RedisEventFeed(link, codec, broadcaster, NO_CONNECTIONS));
        return new Node(new RedisEventPublisher(link, codec, timer, window, Clock.systemUTC(), nodeId, recovery),
                recovery.enabled() ? new RedisEventHistory(link, codec, recovery, Clock.systemUTC()) : null, received);
    }

    /** Redis saves what it holds and stops; every command fails at once until it is back. */
    @Override
    protected void storageFails() throws InterruptedException {
        REDIS.process().saveAndStop();
    }

    /** Redis starts again with what it saved, and both nodes are connected to it again. */
    @Override
    protected void storageRecovers() throws Exception {
        REDIS.process().start();
        Await.until("both nodes to reconnect to Redis", Duration.ofSeconds(10),
                () -> REDIS.links().first().reachable() && REDIS.links().second().reachable());
    }

    /**
     * Entries the feed cannot send (written by another program: a frame that is no event, an
     * unparsable offset, no type, a revocation without a code) are skipped, each with a warning,
     * and the feed goes on with the next: read again, one would stop every event behind it.
     */
    @Test
    void theFeedSkipsEntriesItCannotSendAndGoesOn() throws Exception {
        TwoNodes<Node> nodes = deploy(Duration.ofSeconds(2), RecoverySettings.ON);
        RedisCommands<String, String> redis = REDIS.links().first().sync();
        redis.xadd(RedisKeys.EVENTS, Map.of(RedisKeys.FRAME_FIELD, "not an event", RedisKeys.TYPE_FIELD, "streamOffline",
                RedisKeys.EPOCH_FIELD, "e", RedisKeys.OFFSET_FIELD, "1"));
        redis.xadd(RedisKeys.EVENTS, Map.of(RedisKeys.FRAME_FIELD, "{}", RedisKeys.TYPE_FIELD, "streamOffline",
                RedisKeys.EPOCH_FIELD, "e", RedisKeys.OFFSET_FIELD, "one"));
        redis.xadd(RedisKeys.EVENTS, Map.of(RedisKeys.FRAME_FIELD, "{}"));
        redis.xadd(RedisKeys.EVENTS, Map.of(RedisKeys.CLOSE_TOKEN_FIELD, "t", RedisKeys.CLOSE_CODE_FIELD, "none",
                RedisKeys.CLOSE_REASON_FIELD, "r"));

        nodes.first().publisher().publish(EventType.STREAM_OFFLINE, new StreamOffline());

        for (Node node : List.of(nodes.first(), nodes.second())) {
            Await.until("the event after the malformed entries", Duration.ofSeconds(10),
                    () -> !node.received().events().isEmpty());
            assertEquals(List.of(EventType.STREAM_OFFLINE),
                    node.received().events().stream().map(Event::eventType).toList());
        }
    }

    /**
     * During a rolling upgrade, nodes of the previous release write event entries without a type
     * field; their events still reach every subscriber of the new nodes, with their ids.
     */
    @Test
    void eventsFromNodesThatDoNotNameTheTypeAreDelivered() throws Exception {
        TwoNodes<Node> nodes = deploy(Duration.ofSeconds(2), RecoverySettings.ON);
        String frame = new MessageCodec().encode(new Event(EventType.STREAM_OFFLINE, new StreamOffline(), 1_000L));
        REDIS.links().first().sync().xadd(RedisKeys.EVENTS, Map.of(RedisKeys.FRAME_FIELD, frame,
                RedisKeys.EPOCH_FIELD, "e", RedisKeys.OFFSET_FIELD, "7"));

        for (Node node : List.of(nodes.first(), nodes.second())) {
            Await.until("the untyped entry's event", Duration.ofSeconds(10), () -> !node.received().events().isEmpty());
            Event received = node.received().events().get(0);
            assertEquals(EventType.STREAM_OFFLINE, received.eventType());
            assertEquals(1_000L, received.timestamp());
            assertEquals(new EventId("e", 7), received.id());
        }
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(running);
        Teardown.closeAll(running);
    }
}
