package dev.neuroinfo.ws.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.protocol.recovery.HistoryPage;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-node history's files across restarts and crashes: the snapshot ({@code events.json})
 * plus the journal ({@code events.journal}), with a history of three so that the journal is
 * folded into the snapshot every third event.
 */
class FileEventHistoryTest {
    private static final MessageCodec CODEC = new MessageCodec();
    private static final RecoverySettings THREE = new RecoverySettings(true, 3, Duration.ofDays(1));
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Set<EventType> ALL = EnumSet.allOf(EventType.class);

    @TempDir
    Path dir;

    private FileEventHistory open() throws StoreException {
        return FileEventHistory.open(dir, CODEC, THREE, CLOCK);
    }

    private static Event raid(long viewers) {
        return new Event(EventType.STREAM_RAID_OUTGOING,
                new StreamRaid(new RaidChannel("R", "r", "1"), viewers), CLOCK.millis());
    }

    private static List<Long> viewers(HistoryPage page) {
        return page.events().stream().map(e -> ((StreamRaid) e.eventData()).viewerCount()).toList();
    }

    private Path journal() {
        return dir.resolve(FileEventHistory.JOURNAL_NAME);
    }

    @Test
    void aReopenedHistoryGoesOnFromTheSnapshotAndTheJournal() throws Exception {
        FileEventHistory first = open();
        for (int i = 1; i <= 5; i++) {
            assertEquals(i, first.record(raid(i)).id().offset());
        }
        // the third event folded three into the snapshot; the journal holds the last two
        assertEquals(2, Files.readAllLines(journal()).size());

        FileEventHistory again = open();
        assertEquals(first.latest(), again.latest());
        assertEquals(List.of(3L, 4L, 5L), viewers(again.since(again.latest().epoch(), 2, ALL)));
        assertEquals(6, again.record(raid(6)).id().offset());
    }

    @Test
    void aTornLastLineWasNeverSentAndIsCutOff() throws Exception {
        FileEventHistory first = open();
        first.record(raid(1));
        Files.writeString(journal(), "{\"eventType\":\"streamRaidOut", StandardOpenOption.APPEND);

        FileEventHistory again = open();
        assertEquals(1, again.latest().offset());
        assertEquals(2, again.record(raid(2)).id().offset());
        assertEquals(List.of(1L, 2L), viewers(open().since(again.latest().epoch(), 0, ALL)));
    }

    @Test
    void journalLinesTheSnapshotAlreadyHoldsAreSkipped() throws Exception {
        FileEventHistory first = open();
        first.record(raid(1));
        first.record(raid(2));
        byte[] beforeFolding = Files.readAllBytes(journal());
        first.record(raid(3));
        // as if the process died after writing the snapshot, before emptying the journal
        Files.write(journal(), beforeFolding);

        FileEventHistory again = open();
        assertEquals(3, again.latest().offset());
        assertEquals(List.of(1L, 2L, 3L), viewers(again.since(again.latest().epoch(), 0, ALL)));
        assertEquals(4, again.record(raid(4)).id().offset());
    }

    @Test
    void aJournalLineThatIsNotAnEventStopsTheStartNamingBothFiles() throws Exception {
        open().record(raid(1));
        Files.writeString(journal(), "not json\n", StandardOpenOption.APPEND);

        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains(journal().toString()) && e.getMessage().contains("events.json")
                && e.getMessage().contains("events.journal"), e.getMessage());
    }

    @Test
    void aLostSnapshotStartsANewEpochAndForgetsTheOldJournal() throws Exception {
        FileEventHistory first = open();
        first.record(raid(1));
        Files.delete(dir.resolve(FileEventHistory.FILE_NAME));

        FileEventHistory again = open();
        assertNotEquals(first.latest().epoch(), again.latest().epoch());
        assertEquals(0, again.latest().offset());
        assertEquals(0, Files.size(journal()));
        assertEquals(1, again.record(raid(1)).id().offset());
    }

    @Test
    void anEventThatCannotBeWrittenGetsNoOffset() throws Exception {
        FileEventHistory history = open();
        history.record(raid(1));
        Path saved = dir.resolve("journal.saved");
        Files.move(journal(), saved);
        Files.createDirectory(journal());

        assertThrows(IllegalStateException.class, () -> history.record(raid(2)));
        Files.delete(journal());
        Files.move(saved, journal());
        assertEquals(2, history.record(raid(2)).id().offset());
        assertEquals(List.of(1L, 2L), viewers(open().since(history.latest().epoch(), 0, ALL)));
    }

    @Test
    void eachEventIsOneLineOfTheJournalUntilFolded() throws IOException, StoreException {
        FileEventHistory history = open();
        history.record(raid(1));
        String line = Files.readString(journal(), StandardCharsets.UTF_8);
        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, line);
        assertTrue(line.contains("\"offset\":1"), line);
    }
}
