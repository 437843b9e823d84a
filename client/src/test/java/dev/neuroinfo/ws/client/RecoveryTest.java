package dev.neuroinfo.ws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.protocol.recovery.RecoveryApi;
import dev.neuroinfo.ws.protocol.recovery.RecoveryGap;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.it.TestServer;
import dev.neuroinfo.ws.wire.Teardown;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client recovers by itself (docs/protocol.md, REC-9) across a TCP connection cut in a proxy
 * between it and a real server: the events published while it is away reach its listeners once
 * each and in order, then the live ones; a gap the history cannot fill is reported and followed by
 * the latest state.
 */
class RecoveryTest {
    private static final ReconnectPolicy FAST = ReconnectPolicy.defaults()
            .withInitialDelay(Duration.ofMillis(50)).withMaxDelay(Duration.ofMillis(300));

    @TempDir
    Path dataDir;
    private TestServer server;
    private TcpProxy proxy;
    private NeuroInfoClient client;
    private final Recorder recorder = new Recorder();
    private final List<Long> raids = new CopyOnWriteArrayList<>();
    private final List<Boolean> offline = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        Teardown.closeAll(client, proxy, server);
    }

    /** A server, a proxy in front of its WebSocket port, and a client through the proxy listening to raids. */
    private void start(UnaryOperator<NeuroInfoClientBuilder> options, RecoverySettings recovery) {
        server = TestServer.start(dataDir, c -> c.recovery(recovery));
        proxy = TcpProxy.to(server.webSocketUri().getPort());
        IssuedToken token = server.issue("tester", true);
        client = options.apply(NeuroInfoClient.builder()
                        .webSocketUrl(URI.create("ws://127.0.0.1:" + proxy.port() + "/api/ws"))
                        .httpBaseUrl(server.httpUri())
                        .token(token.secret())
                        .reconnectPolicy(FAST)
                        .connectionListener(recorder))
                .build();
        client.on(EventType.STREAM_RAID_INCOMING, StreamRaid.class, (StreamRaid raid, long ts) -> raids.add(raid.viewerCount()));
        client.on(EventType.STREAM_OFFLINE, StreamOffline.class, (StreamOffline off, long ts) -> offline.add(off.isLive()));
    }

    private void connectAndSeeRaid(long viewers) throws InterruptedException {
        client.connectAndWait();
        Poll.until("both subscriptions confirmed", () -> recorder.count("subscribed:") == 2);
        server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(viewers));
        Poll.until("the first raid", () -> raids.contains(viewers));
    }

    /** Cuts the client's TCP connection and waits until it knows. */
    private void cutTheConnection() {
        proxy.cut();
        Poll.until("the client noticed the cut", () -> recorder.count("disconnected:") == 1);
    }

    @Test
    void afterACutTheListenersGetEveryMissedEventOnceAndInOrderThenLiveOnes() throws InterruptedException {
        start(UnaryOperator.identity(), RecoverySettings.ON);
        connectAndSeeRaid(1);
        cutTheConnection();
        for (long viewers = 2; viewers <= 40; viewers++) {
            server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(viewers));
        }
        server.publish(EventType.STREAM_OFFLINE, Samples.offline());
        proxy.restore();
        Poll.until("a new session", () -> recorder.count("connected:") == 2);
        // published while the client catches up: arrives live, and must not come twice
        server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(41));
        Poll.until("every raid", () -> raids.size() >= 41);
        server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(42));
        Poll.until("the live raid after the seam", () -> raids.contains(42L));
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 42).boxed().toList(), raids,
                "each raid once, in publish order");
        assertEquals(List.of(false), offline, "the missed event of the other type too");
        assertEquals(0, recorder.count("eventsMissed:"));
    }

    @Test
    void aGapTheHistoryCannotFillIsReportedThenTheLatestStateFollows() throws InterruptedException {
        start(UnaryOperator.identity(), new RecoverySettings(true, 3, RecoveryApi.DEFAULT_HISTORY_AGE));
        connectAndSeeRaid(1);
        cutTheConnection();
        for (long viewers = 2; viewers <= 9; viewers++) {
            server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(viewers));
        }
        proxy.restore();
        Poll.until("the gap reported", () -> recorder.count("eventsMissed:") == 1);
        Poll.until("the latest raid", () -> raids.contains(9L));
        assertEquals(List.of(1L, 9L), raids, "the seen raid, then the latest one; nothing twice");
        EventGap gap = recorder.gaps.get(0);
        assertEquals(Optional.of(RecoveryGap.TOO_OLD), gap.reason());
        assertEquals(1, gap.lastOffset());
        assertTrue(recorder.steps.indexOf("eventsMissed:TOO_OLD") > recorder.steps.lastIndexOf("connected:" ),
                "reported after the new session started");
        server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(10));
        Poll.until("live again", () -> raids.contains(10L));
        assertEquals(List.of(1L, 9L, 10L), raids);
    }

    @Test
    void theLatestStateOnFirstConnectWhenAsked() throws InterruptedException {
        start(b -> b.latestStateOnConnect(true), RecoverySettings.ON);
        server.publish(EventType.STREAM_OFFLINE, Samples.offline());
        server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(7));
        server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(8));
        client.connectAndWait();
        Poll.until("the latest state", () -> raids.contains(8L) && offline.size() == 1);
        assertEquals(List.of(8L), raids, "only the latest of each type");
    }

    @Test
    void aServerWithoutTheExtensionIsUsedAsBefore() throws InterruptedException {
        start(UnaryOperator.identity(), RecoverySettings.OFF);
        connectAndSeeRaid(1);
        cutTheConnection();
        proxy.restore();
        Poll.until("a new session", () -> recorder.count("connected:") == 2);
        Poll.until("subscriptions restored", () -> recorder.count("subscribed:") == 4);
        server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(2));
        Poll.until("live events", () -> raids.contains(2L));
        assertEquals(List.of(1L, 2L), raids);
        assertEquals(0, recorder.count("eventsMissed:"));
        assertTrue(recorder.errors.isEmpty(), recorder.errors.toString());
    }
}
