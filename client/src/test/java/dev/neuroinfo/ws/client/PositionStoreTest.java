package dev.neuroinfo.ws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.protocol.recovery.RecoveryGap;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.it.TestServer;
import dev.neuroinfo.ws.wire.Teardown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's position survives a restart of the application ({@link FilePositionStore}): a
 * client built again with the same file gets, from a real server with the recovery extension,
 * exactly the events published while no client ran, once each and in order, then live ones; a
 * file that is not a position stops the build with a message naming it; a position from a
 * history the server lost is reported as a gap, followed by the latest state.
 */
class PositionStoreTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path home;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(open);
        Teardown.closeAll(open);
    }

    private Path positionFile() {
        return home.resolve("position.json");
    }

    private TestServer server(Path data) {
        TestServer server = TestServer.start(data, c -> c.recovery(RecoverySettings.ON));
        open.add(server);
        return server;
    }

    /** One run of the application: a client with the position file, listening to raids and offline events. */
    private final class Run {
        final Recorder recorder = new Recorder();
        final List<Long> raids = new CopyOnWriteArrayList<>();
        final List<Boolean> offline = new CopyOnWriteArrayList<>();
        final NeuroInfoClient client;

        Run(TestServer server, IssuedToken token) throws InterruptedException {
            client = TestClients.builderFor(server).token(token.secret()).connectionListener(recorder)
                    .positionStore(new FilePositionStore(positionFile())).build();
            open.add(client);
            client.on(EventType.STREAM_RAID_INCOMING, StreamRaid.class, (StreamRaid raid, long ts) -> raids.add(raid.viewerCount()));
            client.on(EventType.STREAM_OFFLINE, StreamOffline.class, (StreamOffline off, long ts) -> offline.add(off.isLive()));
            client.connectAndWait();
            Poll.until("both subscriptions confirmed", () -> recorder.count("subscribed:") == 2);
        }
    }

    private static void publishRaids(TestServer server, long from, long to) {
        LongStream.rangeClosed(from, to).forEach(viewers -> server.publish(EventType.STREAM_RAID_INCOMING, Samples.raid(viewers)));
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private EventPosition stored() throws IOException {
        return new FilePositionStore(positionFile()).load().orElseThrow();
    }

    @Test
    void aRestartedApplicationGetsExactlyTheEventsPublishedWhileItWasDownThenLiveOnes() throws Exception {
        TestServer server = server(dataDir);
        IssuedToken token = server.issue("tester", true);
        Run first = new Run(server, token);
        publishRaids(server, 1, 2);
        Poll.until("the first run's raids", () -> first.raids.size() == 2);
        first.client.close();
        assertEquals(2, stored().offset(), "saved after the listeners of the second event");

        publishRaids(server, 3, 30);
        server.publish(EventType.STREAM_OFFLINE, Samples.offline());
        publishRaids(server, 31, 32);

        Run second = new Run(server, token);
        Poll.until("the missed raids", () -> second.raids.size() >= 30);
        publishRaids(server, 33, 33);
        Poll.until("the live raid", () -> second.raids.contains(33L));
        assertEquals(range(3, 33), second.raids, "each missed raid once, in order, then the live one");
        assertEquals(List.of(false), second.offline, "the missed event of the other type too");
        assertEquals(0, second.recorder.count("eventsMissed:"));
        assertTrue(second.recorder.errors.isEmpty(), second.recorder.errors.toString());
        second.client.close();
        assertEquals(new EventPosition(stored().epoch(), 34), stored());
    }

    @Test
    void aFirstRunThatSawNoEventStillKeepsItsPlace() throws Exception {
        TestServer server = server(dataDir);
        IssuedToken token = server.issue("tester", true);
        publishRaids(server, 1, 1);
        Run first = new Run(server, token);
        Poll.until("the position of the first connect saved", () -> Files.exists(positionFile()));
        first.client.close();
        assertEquals(1, stored().offset(), "the server's state when the first run connected");

        publishRaids(server, 2, 4);
        Run second = new Run(server, token);
        Poll.until("the raids published between the runs", () -> second.raids.size() >= 3);
        assertEquals(range(2, 4), second.raids, "nothing from before the first run, nothing twice");
    }

    @Test
    void aPositionFromAHistoryTheServerLostIsReportedThenTheLatestStateFollows() throws Exception {
        TestServer lost = server(dataDir);
        Run first = new Run(lost, lost.issue("tester", true));
        publishRaids(lost, 1, 2);
        Poll.until("the first run's raids", () -> first.raids.size() == 2);
        first.client.close();
        open.remove(lost);
        lost.close();
        EventPosition before = stored();

        // The server starts again with a new history (its data directory is gone): another epoch.
        TestServer server = server(home.resolve("new-data"));
        IssuedToken token = server.issue("tester", true);
        publishRaids(server, 7, 8);
        Run second = new Run(server, token);
        Poll.until("the gap reported", () -> second.recorder.count("eventsMissed:") == 1);
        Poll.until("the latest raid", () -> second.raids.contains(8L));
        EventGap gap = second.recorder.gaps.get(0);
        assertEquals(new EventGap(Optional.of(RecoveryGap.OTHER_EPOCH), before.epoch(), 2), gap);
        second.client.close();
        assertEquals(List.of(8L), second.raids, "the latest raid");
        assertFalse(stored().epoch().equals(before.epoch()), "the new history's position was saved");

        Run third = new Run(server, token);
        publishRaids(server, 9, 9);
        Poll.until("the next run gets live events", () -> third.raids.contains(9L));
        assertEquals(List.of(9L), third.raids, "nothing twice");
        assertEquals(0, third.recorder.count("eventsMissed:"), "the gap is not reported twice");
    }

    @Test
    void aFileThatIsNotAPositionStopsTheBuildWithAMessageNamingIt() throws Exception {
        NeuroInfoClientBuilder builder = NeuroInfoClient.builder().webSocketUrl("ws://127.0.0.1:1/api/ws").token("nk_test")
                .positionStore(new FilePositionStore(positionFile()));
        for (String content : List.of("", "{\"epoch\": \"q3Jx0bS1Wn8vQ2kL\", \"offs", "[1, 2]",
                "{\"epoch\": \"q3Jx0bS1Wn8vQ2kL\"}", "{\"epoch\": \"not an epoch!\", \"offset\": 3}",
                "{\"epoch\": \"q3Jx0bS1Wn8vQ2kL\", \"offset\": -1}", "{\"epoch\": 7, \"offset\": 3}",
                "{\"epoch\": \"q3Jx0bS1Wn8vQ2kL\", \"offset\": 1.5}")) {
            Files.writeString(positionFile(), content, StandardCharsets.UTF_8);
            UncheckedIOException refused = assertThrows(UncheckedIOException.class, builder::build, content);
            assertTrue(refused.getMessage().contains(positionFile() + " does not hold a position"),
                    content + " -> " + refused.getMessage());
            assertEquals(content, Files.readString(positionFile()), "the file is left as it was");
        }
    }

    @Test
    void anInterruptedSaveLeavesTheOldPosition() throws Exception {
        FilePositionStore store = new FilePositionStore(positionFile());
        store.save(new EventPosition("q3Jx0bS1Wn8vQ2kL", 12));
        // A crash between writing the temporary file and the rename leaves it next to the position.
        Path leftover = home.resolve("position.json.4711.tmp");
        Files.writeString(leftover, "{\"epoch\": \"q3Jx0bS1Wn8vQ2kL\", \"off");
        assertEquals(Optional.of(new EventPosition("q3Jx0bS1Wn8vQ2kL", 12)), store.load());
        assertFalse(Files.exists(leftover), "the leftover is removed");
        assertEquals(Optional.empty(), new FilePositionStore(home.resolve("none.json")).load());
    }

    @Test
    void aFailedSaveIsReportedAndTheClientGoesOn() throws Exception {
        TestServer server = server(dataDir);
        Recorder recorder = new Recorder();
        List<Long> raids = new CopyOnWriteArrayList<>();
        NeuroInfoClient client = TestClients.builderFor(server).token(server.issue("tester", true).secret()).connectionListener(recorder)
                .positionStore(new FilePositionStore(home.resolve("no-such-directory").resolve("position.json"))).build();
        open.add(client);
        client.on(EventType.STREAM_RAID_INCOMING, StreamRaid.class, (StreamRaid raid, long ts) -> raids.add(raid.viewerCount()));
        client.connectAndWait();
        Poll.until("subscribed", () -> recorder.count("subscribed:") == 1);
        publishRaids(server, 1, 1);
        Poll.until("the raid", () -> raids.contains(1L));
        Poll.until("the failed save reported", () -> recorder.errors.stream()
                .anyMatch(e -> e.getMessage().startsWith("could not save the position")));
    }
}
