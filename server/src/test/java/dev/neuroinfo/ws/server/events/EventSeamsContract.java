package dev.neuroinfo.ws.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.Game;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.protocol.payload.StreamUpdate;
import dev.neuroinfo.ws.protocol.recovery.HistoryPage;
import dev.neuroinfo.ws.protocol.recovery.LatestState;
import dev.neuroinfo.ws.protocol.recovery.RecoveryGap;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.Race;
import dev.neuroinfo.ws.server.TwoNodes;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What the event seams do together, whichever implementation carries them: a node's
 * {@link EventPublisher} takes an event, every node's subscribers get it (through that node's
 * {@link Broadcaster}), and with the recovery extension on, every node's {@link EventHistory}
 * answers for it. Run against each implementation by a subclass, on two nodes of one deployment:
 * one publish order for every subscriber on every node (EVT-1), the streamUpdate throttle
 * (EVT-8..EVT-10), ids, latest state and a bounded history in that same order (REC-1..REC-11), and
 * an event its storage cannot take refused rather than sent unrecorded (REC-9).
 */
public abstract class EventSeamsContract {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough that a few publishes in a row always fall into one window, even on a busy machine. */
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Game GAME = new Game("509658", "Just Chatting");
    private static final Set<EventType> EVERY_TYPE = EnumSet.allOf(EventType.class);

    /**
     * One node of a deployment.
     *
     * @param publisher where this node's publishers hand events
     * @param history   what this node's recovery endpoints read; null with the extension off
     * @param received  what a subscriber of every type on this node got
     */
    public record Node(EventPublisher publisher, EventHistory history, ReceivedEvents received) {
    }

    /**
     * A fresh deployment of two nodes (a single server is both), throttling streamUpdate to one per
     * {@code window}, recording events as {@code recovery} says. The subclass stops it after the test.
     */
    protected abstract TwoNodes<Node> deploy(Duration window, RecoverySettings recovery) throws Exception;

    /** Makes the deployment's event storage fail every write from now on, keeping what it holds. */
    protected abstract void storageFails() throws Exception;

    /** Makes the storage work again, with what it held when it failed. */
    protected abstract void storageRecovers() throws Exception;

    private static StreamRaid raid(long viewers) {
        return new StreamRaid(new RaidChannel("ch" + viewers, "Channel " + viewers, Long.toString(viewers)), viewers);
    }

    private static StreamUpdate update(String title) {
        return new StreamUpdate(title, GAME, "en", false);
    }

    /** What an event says, without its timestamp and id: {@code streamRaidIncoming#7}, {@code streamUpdate:title}. */
    private static String describe(Event event) {
        if (event.eventData() instanceof StreamRaid raid) {
            return event.eventType().wireName() + "#" + raid.viewerCount();
        }
        if (event.eventData() instanceof StreamUpdate update) {
            return event.eventType().wireName() + ":" + update.title();
        }
        return event.eventType().wireName();
    }

    private static List<String> described(List<Event> events) {
        return events.stream().map(EventSeamsContract::describe).toList();
    }

    private static void awaitLast(Node node, String last) throws InterruptedException {
        try {
            Await.until(last + " to reach the subscriber", WAIT, () -> {
                List<Event> events = node.received().events();
                return !events.isEmpty() && describe(events.get(events.size() - 1)).equals(last);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; received " + described(node.received().events()), e);
        }
    }

    /**
     * Four publishers race on both nodes, then one more event marks the end: every subscriber gets
     * every event once, all in one order, each publisher's own in the order it published them.
     */
    private TwoNodes<Node> raceFourPublishers(RecoverySettings recovery) throws Exception {
        TwoNodes<Node> nodes = deploy(WINDOW, recovery);
        Race.run(4, p -> () -> {
            for (long i = 0; i < 10; i++) {
                nodes.either(p).publisher().publish(EventType.STREAM_RAID_INCOMING, raid((p + 1) * 100 + i));
            }
            return null;
        });
        nodes.second().publisher().publish(EventType.STREAM_OFFLINE, new StreamOffline());
        String end = EventType.STREAM_OFFLINE.wireName();
        awaitLast(nodes.first(), end);
        awaitLast(nodes.second(), end);
        List<String> seen = described(nodes.first().received().events());
        assertEquals(seen, described(nodes.second().received().events()), "every node sends one order");
        assertEquals(41, seen.size(), "each event once: " + seen);
        for (long p = 0; p < 4; p++) {
            long base = (p + 1) * 100;
            List<String> published = LongStream.range(base, base + 10)
                    .mapToObj(v -> EventType.STREAM_RAID_INCOMING.wireName() + "#" + v).toList();
            assertEquals(published, seen.stream().filter(published::contains).toList(),
                    "publisher " + p + "'s events in its order");
        }
        return nodes;
    }

    @Test
    void eventsPublishedOnAnyNodeReachEverySubscriberOnceInOneOrder() throws Exception {
        TwoNodes<Node> nodes = raceFourPublishers(RecoverySettings.OFF);
        for (Event event : nodes.first().received().events()) {
            assertNull(event.id(), "no ids with the extension off");
        }
    }

    @Test
    void idsNumberTheOneOrderThrottledUpdatesIncludedAndEachEventIsInTheHistoryBeforeItIsSent() throws Exception {
        List<Boolean> recordedFirst = new CopyOnWriteArrayList<>();
        TwoNodes<Node> nodes = deploy(WINDOW, RecoverySettings.ON);
        for (Node node : List.of(nodes.first(), nodes.second())) {
            node.received().onArrival(e -> recordedFirst.add(node.history().latest().offset() >= e.id().offset()));
        }
        nodes.first().publisher().publish(EventType.STREAM_UPDATE, update("first"));
        nodes.second().publisher().publish(EventType.STREAM_UPDATE, update("held"));
        for (long i = 1; i <= 6; i++) {
            nodes.either((int) i).publisher().publish(EventType.STREAM_RAID_INCOMING, raid(i));
        }
        nodes.first().publisher().publish(EventType.STREAM_OFFLINE, new StreamOffline());
        // the update held by the throttle goes out last, at the window's end, with the next offset
        String held = EventType.STREAM_UPDATE.wireName() + ":held";
        awaitLast(nodes.first(), held);
        awaitLast(nodes.second(), held);

        List<Event> seen = nodes.first().received().events();
        assertEquals(seen, nodes.second().received().events(), "every node sends the same ids");
        String epoch = seen.get(0).id().epoch();
        long first = seen.get(0).id().offset();
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(epoch, seen.get(i).id().epoch());
            assertEquals(first + i, seen.get(i).id().offset(), "no gap in " + seen);
        }
        assertTrue(recordedFirst.stream().allMatch(r -> r), "an event is in the history before it is sent: " + recordedFirst);

        HistoryPage all = nodes.second().history().since(epoch, first - 1, EVERY_TYPE);
        assertTrue(all.recovered());
        assertEquals(seen, all.events(), "the history holds what was sent, in that order");
        LatestState latest = nodes.first().history().latest();
        assertEquals(first + seen.size() - 1, latest.offset());
        assertTrue(described(latest.events()).contains(held), "the window's last update is the latest: " + latest);
    }

    @Test
    void anEventThatCannotBeRecordedIsRefusedReachesNobodyAndTakesNoOffset() throws Exception {
        TwoNodes<Node> nodes = deploy(WINDOW, RecoverySettings.ON);
        nodes.first().publisher().publish(EventType.STREAM_RAID_INCOMING, raid(1));
        String before = EventType.STREAM_RAID_INCOMING.wireName() + "#1";
        awaitLast(nodes.first(), before);
        awaitLast(nodes.second(), before);

        storageFails();
        try {
            assertThrows(RuntimeException.class,
                    () -> nodes.second().publisher().publish(EventType.STREAM_RAID_INCOMING, raid(2)),
                    "the publisher is told: the event was not accepted");
        } finally {
            storageRecovers();
        }

        nodes.first().publisher().publish(EventType.STREAM_OFFLINE, new StreamOffline());
        String after = EventType.STREAM_OFFLINE.wireName();
        awaitLast(nodes.first(), after);
        awaitLast(nodes.second(), after);
        for (Node node : List.of(nodes.first(), nodes.second())) {
            List<Event> seen = node.received().events();
            assertEquals(List.of(before, after), described(seen), "the refused event reached nobody");
            assertEquals(seen.get(0).id().offset() + 1, seen.get(1).id().offset(), "and took no offset");
            assertEquals(seen, node.history().since(seen.get(0).id().epoch(), seen.get(0).id().offset() - 1, EVERY_TYPE)
                    .events(), "nor a place in the history");
        }
    }

    @Test
    void streamUpdatesAreHeldToOnePerWindowTheLatestArrivingLastOtherTypesAtOnce() throws Exception {
        TwoNodes<Node> nodes = deploy(WINDOW, RecoverySettings.OFF);
        nodes.first().publisher().publish(EventType.STREAM_UPDATE, update("first"));
        nodes.second().publisher().publish(EventType.STREAM_UPDATE, update("replaced"));
        nodes.first().publisher().publish(EventType.STREAM_UPDATE, update("latest"));
        nodes.second().publisher().publish(EventType.STREAM_OFFLINE, new StreamOffline());
        String latest = EventType.STREAM_UPDATE.wireName() + ":latest";
        awaitLast(nodes.first(), latest);
        awaitLast(nodes.second(), latest);
        List<String> expected = List.of(EventType.STREAM_UPDATE.wireName() + ":first", EventType.STREAM_OFFLINE.wireName(),
                latest);
        assertEquals(expected, described(nodes.first().received().events()),
                "the first at once, other types at once, the window's latest at its end; the replaced one never");
        assertEquals(expected, described(nodes.second().received().events()));
    }

    @Test
    void theHistoryKeepsTheNewestEventsAndTheLatestOfEachType() throws Exception {
        TwoNodes<Node> nodes = deploy(WINDOW, new RecoverySettings(true, 3, Duration.ofHours(1)));
        LatestState empty = nodes.first().history().latest();
        assertEquals(0, empty.offset());
        assertTrue(empty.events().isEmpty());
        HistoryPage nothingYet = nodes.second().history().since(empty.epoch(), 0, EVERY_TYPE);
        assertTrue(nothingYet.recovered(), "a new history has nothing to miss");
        assertTrue(nothingYet.events().isEmpty());

        nodes.first().publisher().publish(EventType.STREAM_RAID_INCOMING, raid(1));
        nodes.second().publisher().publish(EventType.STREAM_RAID_INCOMING, raid(2));
        nodes.first().publisher().publish(EventType.STREAM_OFFLINE, new StreamOffline());
        nodes.second().publisher().publish(EventType.STREAM_RAID_INCOMING, raid(4));
        nodes.first().publisher().publish(EventType.STREAM_RAID_INCOMING, raid(5));

        for (Node node : List.of(nodes.first(), nodes.second())) {
            LatestState latest = node.history().latest();
            assertEquals(empty.epoch(), latest.epoch(), "one epoch for the deployment");
            assertEquals(5, latest.offset());
            assertEquals(List.of(EventType.STREAM_OFFLINE.wireName(), EventType.STREAM_RAID_INCOMING.wireName() + "#5"),
                    described(latest.events()).stream().sorted().toList(), "the last of each type");
            HistoryPage raids = node.history().since(empty.epoch(), 2, EnumSet.of(EventType.STREAM_RAID_INCOMING));
            assertTrue(raids.recovered());
            assertEquals(List.of(4L, 5L), raids.events().stream().map(e -> e.id().offset()).toList(),
                    "the types asked for, after the position");
            assertEquals(List.of(3L, 4L, 5L),
                    node.history().since(empty.epoch(), 2, EVERY_TYPE).events().stream().map(e -> e.id().offset()).toList());
            assertEquals(RecoveryGap.TOO_OLD, node.history().since(empty.epoch(), 1, EVERY_TYPE).gap(),
                    "three events kept: offset 2 is gone");
            HistoryPage upToDate = node.history().since(empty.epoch(), 5, EVERY_TYPE);
            assertTrue(upToDate.recovered());
            assertTrue(upToDate.events().isEmpty());
            assertEquals(RecoveryGap.OTHER_EPOCH, node.history().since(empty.epoch(), 6, EVERY_TYPE).gap(),
                    "an offset never issued");
            assertEquals(RecoveryGap.OTHER_EPOCH, node.history().since(Epochs.fresh(), 5, EVERY_TYPE).gap());
        }
    }

    @Test
    void theHistoryForgetsEventsOlderThanItsAge() throws Exception {
        Duration age = Duration.ofSeconds(1);
        TwoNodes<Node> nodes = deploy(WINDOW, new RecoverySettings(true, 100, age));
        nodes.first().publisher().publish(EventType.STREAM_RAID_INCOMING, raid(1));
        long published = System.currentTimeMillis();
        Await.until("the first event to age out", WAIT, () -> System.currentTimeMillis() - published > age.toMillis() + 1);
        nodes.second().publisher().publish(EventType.STREAM_RAID_INCOMING, raid(2));
        String epoch = nodes.first().history().latest().epoch();
        for (Node node : List.of(nodes.first(), nodes.second())) {
            assertEquals(RecoveryGap.TOO_OLD, node.history().since(epoch, 0, EVERY_TYPE).gap());
            assertEquals(List.of(2L), node.history().since(epoch, 1, EVERY_TYPE).events().stream()
                    .map(e -> e.id().offset()).toList());
        }
    }
}
