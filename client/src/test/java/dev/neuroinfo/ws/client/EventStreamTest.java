package dev.neuroinfo.ws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.server.it.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull-style API: order, bounded buffer with drop-oldest, ending. */
class EventStreamTest {
    @TempDir
    Path dataDir;

    private static Event online(String title) {
        return new Event(EventType.STREAM_ONLINE, Samples.online(title), 1L);
    }

    private static String title(Event event) {
        return ((StreamOnline) event.eventData()).title();
    }

    @Test
    void deliversEventsOfItsTypesInArrivalOrder() throws Exception {
        try (TestServer server = TestServer.start(dataDir);
                NeuroInfoClient client = TestClients.builderFor(server)
                        .token(server.issue("tester", true).secret()).build()) {
            Recorder recorder = new Recorder();
            client.addConnectionListener(recorder);
            EventStream stream = client.stream(16, EventType.STREAM_ONLINE, EventType.STREAM_OFFLINE);
            client.connect().toCompletableFuture().join();
            Poll.until("subscribed", () -> recorder.count("subscribed:") == 2);

            server.publish(EventType.STREAM_ONLINE, Samples.online("a"));
            server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(1)); // not subscribed
            server.publish(EventType.STREAM_OFFLINE, Samples.offline());
            server.publish(EventType.STREAM_ONLINE, Samples.online("b"));

            List<EventType> types = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                types.add(stream.next().eventType());
            }
            assertEquals(List.of(EventType.STREAM_ONLINE, EventType.STREAM_OFFLINE, EventType.STREAM_ONLINE), types);

            stream.close();
            assertFalse(stream.hasNext());
            Poll.until("unsubscribed both", () -> recorder.count("unsubscribed:") == 2);
            assertEquals(List.of(), client.listEvents().toCompletableFuture().join().subscribedEvents());
        }
    }

    @Test
    void anEventHandlerReadsEachTypeWithItsRecord() throws Exception {
        List<EventType> types = List.of(EventType.STREAM_ONLINE, EventType.SECRETNEUROACCOUNT_ONLINE,
                EventType.STREAM_OFFLINE, EventType.STREAM_RAID_INCOMING, EventType.STREAM_RAID_OUTGOING);
        List<String> seen = new ArrayList<>();
        EventHandler handler = new EventHandler() {
            @Override
            public void streamOnline(StreamOnline data, long timestamp) {
                seen.add("streamOnline " + data.title());
            }

            @Override
            public void secretneuroaccountOnline(StreamOnline data, long timestamp) {
                seen.add("secretneuroaccountOnline " + data.title());
            }

            @Override
            public void streamOffline(StreamOffline data, long timestamp) {
                seen.add("streamOffline");
            }

            @Override
            public void streamRaidIncoming(StreamRaid data, long timestamp) {
                seen.add("streamRaidIncoming " + data.viewerCount());
            }

            @Override
            public void streamRaidOutgoing(StreamRaid data, long timestamp) {
                seen.add("streamRaidOutgoing " + data.viewerCount());
            }
        };
        try (TestServer server = TestServer.start(dataDir);
                NeuroInfoClient client = TestClients.builderFor(server).token(server.issue("tester", true).secret()).build();
                EventStream stream = client.stream(16, types.toArray(EventType[]::new))) {
            Recorder recorder = new Recorder();
            client.addConnectionListener(recorder);
            client.connectAndWait();
            Poll.until("subscribed", () -> recorder.count("subscribed:") == types.size());

            server.publish(EventType.STREAM_ONLINE, Samples.online("main"));
            server.publish(EventType.SECRETNEUROACCOUNT_ONLINE, Samples.online("second"));
            server.publish(EventType.STREAM_OFFLINE, Samples.offline());
            server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(7));
            server.publish(EventType.STREAM_RAID_OUTGOING, Samples.raid(9));
            for (int i = 0; i < types.size(); i++) {
                handler.handle(stream.next());
            }
        }

        assertEquals(List.of("streamOnline main", "secretneuroaccountOnline second", "streamOffline",
                "streamRaidIncoming 7", "streamRaidOutgoing 9"), seen);
    }

    @Test
    void closingTheClientEndsItsStreamsAfterWhatIsBuffered() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            NeuroInfoClient client = TestClients.builderFor(server)
                    .token(server.issue("tester", true).secret()).build();
            EventStream stream = client.stream(4, EventType.STREAM_ONLINE);
            stream.offer(online("left over"));

            client.close();

            assertTrue(stream.isClosed());
            assertEquals("left over", title(stream.next()));
            assertFalse(stream.hasNext());
            assertThrows(NoSuchElementException.class, stream::next);
        }
    }

    @Test
    void aFullBufferDropsTheOldestAndCountsIt() throws Exception {
        EventStream stream = new EventStream(2);
        for (String title : List.of("1", "2", "3", "4", "5")) {
            stream.offer(online(title));
        }

        assertEquals(2, stream.buffered());
        assertEquals(3, stream.droppedCount());
        assertEquals("4", title(stream.next()));
        assertEquals("5", title(stream.poll(Duration.ofSeconds(1)).orElseThrow()));
        assertTrue(stream.poll(Duration.ofMillis(1)).isEmpty());
    }

    @Test
    void aWaitingReaderWakesForTheNextEvent() throws Exception {
        EventStream stream = new EventStream(1);
        List<String> read = new ArrayList<>();
        Thread reader = new Thread(() -> stream.forEachRemaining(e -> read.add(title(e))));
        reader.start();

        stream.offer(online("x"));
        Poll.until("read", () -> stream.buffered() == 0);
        stream.end();
        reader.join(Poll.BOUND.toMillis());

        assertFalse(reader.isAlive());
        assertEquals(List.of("x"), read);
    }

    @Test
    void rejectsAZeroCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new EventStream(0));
    }
}
