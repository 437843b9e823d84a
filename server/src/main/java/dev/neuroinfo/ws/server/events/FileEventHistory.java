package dev.neuroinfo.ws.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.message.EventId;
import dev.neuroinfo.ws.protocol.recovery.HistoryPage;
import dev.neuroinfo.ws.protocol.recovery.LatestState;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.files.AppendLog;
import dev.neuroinfo.ws.protocol.files.DurableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One node's history, latest state and event ids in its data directory, in two files:
 * {@code events.json}, a snapshot of the epoch, the newest offset, the latest event of each type
 * and the history, replaced whole and durably ({@link DurableFile}, as tokens.json); and
 * {@code events.journal}, the events recorded since that snapshot, one line each, appended and
 * forced to disk ({@link AppendLog}) before the event is sent. So after a crash or a restart the
 * node goes on with the same epoch and the next offset, and no offset is ever issued twice within
 * an epoch. A missing snapshot starts a new epoch.
 *
 * <p>Each event costs one small append; once the journal holds as many events as the history
 * may, they are folded into a new snapshot and the journal is emptied. A crash between the two
 * leaves journal lines the snapshot already holds, which loading skips; a crash within an append
 * leaves a torn last line, which loading cuts off (that event was never sent).
 */
public final class FileEventHistory implements EventHistory, EventJournal {
    /** The snapshot's file name inside the data directory. */
    public static final String FILE_NAME = "events.json";
    /** The journal's file name inside the data directory. */
    public static final String JOURNAL_NAME = "events.journal";

    private static final System.Logger LOG = System.getLogger(FileEventHistory.class.getName());
    private static final int FORMAT_VERSION = 1;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DurableFile file;
    private final AppendLog journal;
    private final MessageCodec codec;
    private final RecoverySettings settings;
    private final Clock clock;
    private final String epoch;
    private final ArrayDeque<Event> history = new ArrayDeque<>();
    private final Map<EventType, Event> latest = new EnumMap<>(EventType.class);
    private long offset;
    /** Events appended to the journal since the last snapshot. */
    private int journaled;

    private FileEventHistory(DurableFile file, AppendLog journal, MessageCodec codec, RecoverySettings settings,
            Clock clock, String epoch) {
        this.file = file;
        this.journal = journal;
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
        this.epoch = epoch;
    }

    /**
     * Opens the history kept in a data directory, or starts a new epoch when there is none.
     *
     * @throws StoreException when the file cannot be read or is corrupt; the message says which
     *                        file and why, as for tokens.json
     */
    public static FileEventHistory open(Path dataDir, MessageCodec codec, RecoverySettings settings, Clock clock)
            throws StoreException {
        Path directory = dataDir.toAbsolutePath().normalize();
        DurableFile file = new DurableFile(directory, FILE_NAME);
        AppendLog journal = new AppendLog(directory, JOURNAL_NAME);
        try {
            Files.createDirectories(directory);
            file.removeLeftovers();
            if (!file.exists()) {
                // lines left of a lost history belong to no epoch any more
                journal.clear();
            }
        } catch (IOException e) {
            throw new StoreException("Cannot use data directory " + directory + ": " + e, e);
        }
        if (!file.exists()) {
            FileEventHistory fresh = new FileEventHistory(file, journal, codec, settings, clock, Epochs.fresh());
            fresh.persist();
            LOG.log(System.Logger.Level.INFO, "started a new event history, epoch " + fresh.epoch);
            return fresh;
        }
        FileEventHistory loaded = load(file, journal, codec, settings, clock);
        loaded.replayJournal();
        loaded.trim();
        LOG.log(System.Logger.Level.INFO, "event history " + loaded.epoch + " goes on after offset " + loaded.offset);
        return loaded;
    }

    @Override
    public synchronized Event record(Event event) {
        Event recorded = event.withId(new EventId(epoch, offset + 1));
        try {
            journal.append(codec.eventNode(recorded).toString());
        } catch (IOException e) {
            // Not sent, so nobody saw this offset: it is issued again with the next event.
            throw new IllegalStateException("Cannot write event history " + journal.path() + ": " + e, e);
        }
        apply(recorded);
        if (++journaled >= settings.historySize()) {
            compact();
        }
        return recorded;
    }

    private void apply(Event recorded) {
        offset = recorded.id().offset();
        history.addLast(recorded);
        latest.put(recorded.eventType(), recorded);
        trim();
    }

    /** Folds the journal into a new snapshot; until that succeeds, the journal keeps every event. */
    private void compact() {
        journaled = 0;
        try {
            persist();
            journal.clear();
        } catch (StoreException | IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not fold the event journal into " + file.path()
                    + "; it keeps growing until the next attempt: " + e.getMessage());
        }
    }

    @Override
    public synchronized LatestState latest() {
        List<Event> events = new ArrayList<>(latest.values());
        return new LatestState(epoch, offset, events);
    }

    @Override
    public synchronized HistoryPage since(String askedEpoch, long since, Set<EventType> types) {
        List<Event> retained = HistoryWindow.young(List.copyOf(history), clock.millis(), settings.historyAge());
        return new HistoryWindow(epoch, offset, retained).after(askedEpoch, since, types);
    }

    /** The file this history is kept in. */
    public Path file() {
        return file.path();
    }

    private void trim() {
        while (history.size() > settings.historySize()) {
            history.removeFirst();
        }
        long cutoff = clock.millis() - settings.historyAge().toMillis();
        while (!history.isEmpty() && history.peekFirst().timestamp() < cutoff) {
            history.removeFirst();
        }
    }

    // ---------------------------------------------------------------- persistence

    private void persist() throws StoreException {
        ObjectNode root = NODES.objectNode().put("version", FORMAT_VERSION).put("epoch", epoch).put("offset", offset);
        ArrayNode latestArray = root.putArray("latest");
        latest.values().forEach(e -> latestArray.add(codec.eventNode(e)));
        ArrayNode historyArray = root.putArray("history");
        history.forEach(e -> historyArray.add(codec.eventNode(e)));
        try {
            file.write(root.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException("Cannot write event history " + file.path() + ": " + e, e);
        }
    }

    private static FileEventHistory load(DurableFile file, AppendLog journal, MessageCodec codec,
            RecoverySettings settings, Clock clock) throws StoreException {
        Path path = file.path();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw corrupt(path, "not readable (" + e.getMessage() + ")", e);
        }
        JsonNode root = codec.parse(text).orElseThrow(() -> corrupt(path, "not JSON", null));
        JsonNode epoch = root.path("epoch");
        JsonNode offset = root.path("offset");
        if (root.path("version").asInt(-1) != FORMAT_VERSION || !epoch.isTextual() || !EventId.isEpoch(epoch.textValue())
                || !offset.isIntegralNumber() || offset.longValue() < 0 || !root.path("latest").isArray()
                || !root.path("history").isArray()) {
            throw corrupt(path, "expected {\"version\":" + FORMAT_VERSION
                    + ",\"epoch\":...,\"offset\":...,\"latest\":[...],\"history\":[...]}", null);
        }
        FileEventHistory loaded = new FileEventHistory(file, journal, codec, settings, clock, epoch.textValue());
        loaded.offset = offset.longValue();
        for (JsonNode node : root.get("latest")) {
            Event event = snapshotEvent(codec, path, node, loaded);
            loaded.latest.put(event.eventType(), event);
        }
        long expected = -1;
        for (JsonNode node : root.get("history")) {
            Event event = snapshotEvent(codec, path, node, loaded);
            if (expected >= 0 && event.id().offset() != expected) {
                throw corrupt(path, "history offsets are not consecutive at " + event.id().offset(), null);
            }
            expected = event.id().offset() + 1;
            loaded.history.addLast(event);
        }
        if (expected >= 0 && expected - 1 != loaded.offset) {
            throw corrupt(path, "the history does not end at the newest offset " + loaded.offset, null);
        }
        return loaded;
    }

    /** Applies the journal's events after the snapshot's offset; earlier ones the snapshot holds already. */
    private void replayJournal() throws StoreException {
        Path path = journal.path();
        List<String> lines;
        try {
            lines = journal.lines();
        } catch (IOException e) {
            throw corrupt(path, "not readable (" + e.getMessage() + ")", e);
        }
        for (String line : lines) {
            JsonNode node = codec.parse(line).orElseThrow(() -> corrupt(path, "a line is not JSON", null));
            Event event = decode(codec, path, node, epoch);
            if (event.id().offset() <= offset) {
                continue;
            }
            if (event.id().offset() != offset + 1) {
                throw corrupt(path, "offset " + event.id().offset() + " does not follow " + offset, null);
            }
            apply(event);
            journaled++;
        }
    }

    /** An event of the snapshot: of its epoch, and not after its newest offset. */
    private static Event snapshotEvent(MessageCodec codec, Path path, JsonNode node, FileEventHistory into)
            throws StoreException {
        Event event = decode(codec, path, node, into.epoch);
        if (event.id().offset() > into.offset) {
            throw corrupt(path, "an event is after the newest offset " + into.offset, null);
        }
        return event;
    }

    private static Event decode(MessageCodec codec, Path path, JsonNode node, String epoch) throws StoreException {
        Optional<Event> event = codec.decodeEvent(node);
        if (event.isEmpty() || event.get().id() == null || !event.get().id().epoch().equals(epoch)) {
            throw corrupt(path, "an event is malformed or not of epoch " + epoch, null);
        }
        return event.get();
    }

    private static StoreException corrupt(Path file, String why, Throwable cause) {
        return new StoreException("Event history " + file + " is corrupt: " + why
                + ". Move " + FILE_NAME + " and " + JOURNAL_NAME
                + " away together to start a new history (clients then resynchronise).", cause);
    }
}
