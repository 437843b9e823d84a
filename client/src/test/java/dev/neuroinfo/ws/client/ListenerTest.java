package dev.neuroinfo.ws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.server.it.TestServer;
import dev.neuroinfo.ws.wire.Teardown;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listeners per type, subscription bookkeeping, isolation of failing listeners. */
class ListenerTest {
    @TempDir
    Path dataDir;
    private TestServer server;
    private NeuroInfoClient client;
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir);
        client = TestClients.builderFor(server)
                .token(server.issue("tester", true).secret())
                .connectionListener(recorder)
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        Teardown.closeAll(client, server);
    }

    private Set<EventType> serverSide() {
        return Set.copyOf(client.listEvents().toCompletableFuture().join().subscribedEvents());
    }

    @Test
    void eachListenerGetsOnlyItsType() {
        List<String> online = new CopyOnWriteArrayList<>();
        List<Long> incoming = new CopyOnWriteArrayList<>();
        List<Long> outgoing = new CopyOnWriteArrayList<>();
        client.on(EventType.STREAM_ONLINE, StreamOnline.class, (StreamOnline live, long ts) -> online.add(live.title()));
        client.on(EventType.STREAM_RAID_INCOMING, StreamRaid.class, (StreamRaid raid, long ts) -> incoming.add(raid.viewerCount()));
        client.on(EventType.STREAM_RAID_OUTGOING, (EventPayload data, long ts) -> outgoing.add(((StreamRaid) data).viewerCount()));
        client.connect().toCompletableFuture().join();
        Poll.until("three subscriptions", () -> recorder.count("subscribed:") == 3);

        server.publish(EventType.STREAM_RAID_OUTGOING, Samples.raid(3));
        server.publish(EventType.STREAM_ONLINE, Samples.online("one"));
        server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(2));
        server.publish(EventType.STREAM_OFFLINE, Samples.offline());

        Poll.until("all three", () -> online.size() == 1 && incoming.size() == 1 && outgoing.size() == 1);
        assertEquals(List.of("one"), online);
        assertEquals(List.of(2L), incoming);
        assertEquals(List.of(3L), outgoing);
    }

    @Test
    void aListenerMustNameTheRecordOfItsType() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> client.on(EventType.STREAM_ONLINE, StreamRaid.class, (raid, ts) -> { }));
        assertEquals("streamOnline events carry StreamOnline, not StreamRaid", wrong.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> client.on(null, StreamOnline.class, (live, ts) -> { }));
        assertThrows(IllegalArgumentException.class,
                () -> client.stream(1, EventType.STREAM_ONLINE, null));
        assertEquals(Set.of(), client.subscribedEvents());
    }

    @Test
    void firstListenerSubscribesAndLastRemovalUnsubscribes() {
        client.connect().toCompletableFuture().join();
        assertEquals(Set.of(), client.subscribedEvents());

        Subscription first = client.on(EventType.STREAM_ONLINE, StreamOnline.class, (live, ts) -> { });
        Subscription second = client.on(EventType.STREAM_ONLINE, StreamOnline.class, (live, ts) -> { });
        Poll.until("subscribed", () -> recorder.count("subscribed:") >= 1);
        assertEquals(Set.of(EventType.STREAM_ONLINE), client.subscribedEvents());
        assertEquals(Set.of(EventType.STREAM_ONLINE), serverSide());
        // Only the first listener of a type sends addEvent.
        assertEquals(List.of("subscribed:streamOnline"), recorder.matching("subscribed:"));

        first.cancel();
        assertTrue(second.isActive());
        assertFalse(first.isActive());
        assertEquals(Set.of(EventType.STREAM_ONLINE), serverSide());

        second.close();
        Poll.until("unsubscribed", () -> recorder.count("unsubscribed:") == 1);
        assertEquals(Set.of(), client.subscribedEvents());
        assertEquals(Set.of(), serverSide());
        second.cancel(); // idempotent: nothing more is sent
        assertEquals(List.of("unsubscribed:streamOnline"), recorder.matching("unsubscribed:"));
    }

    @Test
    void aThrowingListenerDoesNotAffectOthers() {
        List<String> seen = new CopyOnWriteArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        client.on(EventType.STREAM_ONLINE, StreamOnline.class, (live, ts) -> seen.add("before:" + live.title()));
        client.on(EventType.STREAM_ONLINE, StreamOnline.class, (live, ts) -> {
            throw boom;
        });
        client.on(EventType.STREAM_ONLINE, StreamOnline.class, (live, ts) -> seen.add("after:" + live.title()));
        client.connect().toCompletableFuture().join();
        Poll.until("subscribed", () -> recorder.count("subscribed:") == 1);

        server.publish(EventType.STREAM_ONLINE, Samples.online("a"));
        server.publish(EventType.STREAM_ONLINE, Samples.online("b"));

        Poll.until("both events to both good listeners", () -> seen.size() == 4);
        assertEquals(List.of("before:a", "after:a", "before:b", "after:b"), seen);
        Poll.until("both failures reported", () -> recorder.errors.size() == 2);
        EventListenerException reported = assertInstanceOf(EventListenerException.class, recorder.errors.get(0));
        assertSame(boom, reported.getCause());
        assertEquals(EventType.STREAM_ONLINE, reported.eventType());
        assertTrue(client.isConnected());
    }

    @Test
    void rawMessagesAreReported() {
        List<String> raw = new CopyOnWriteArrayList<>();
        client.addConnectionListener(new ConnectionListener() {
            @Override
            public void rawMessage(String text) {
                raw.add(text);
            }
        });
        client.connect().toCompletableFuture().join();

        Poll.until("welcome seen raw", () -> !raw.isEmpty());
        assertTrue(raw.get(0).contains("\"welcome\""), raw.get(0));
    }
}
