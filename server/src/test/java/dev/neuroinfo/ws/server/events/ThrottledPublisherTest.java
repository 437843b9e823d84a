package dev.neuroinfo.ws.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.Game;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamUpdate;
import dev.neuroinfo.ws.server.ManualTimer;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The single server's streamUpdate throttle (EVT-8..EVT-10) on a timer and clock the test moves,
 * so each rule is checked at its exact instant: the first update of a window goes at once, later
 * ones replace each other, the latest goes out when the window ends and opens the next, other types
 * never wait. The broadcaster is the real one; it returns once its subscriber has the event, so
 * what the subscriber holds after each call is all that was sent.
 */
class ThrottledPublisherTest {
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Duration TICK = Duration.ofMillis(1);
    private static final Game GAME = new Game("509658", "Just Chatting");

    private final ManualTimer timer = new ManualTimer();
    private final ReceivedEvents received = new ReceivedEvents();
    private final Broadcaster broadcaster = new Broadcaster(new MessageCodec(), received, new ServerMetrics());
    private final ThrottledPublisher publisher = new ThrottledPublisher(broadcaster, timer, WINDOW, timer.clock());

    @AfterEach
    void stop() {
        broadcaster.close();
    }

    private long update(String title) {
        return publisher.publish(EventType.STREAM_UPDATE, new StreamUpdate(title, GAME, "en", false));
    }

    private long offline() {
        return publisher.publish(EventType.STREAM_OFFLINE, new StreamOffline());
    }

    /** {@code streamUpdate:title@ms since the start} or {@code streamOffline@ms}, in arrival order. */
    private List<String> sent(long start) {
        return received.events().stream().map(event -> describe(event) + "@" + (event.timestamp() - start)).toList();
    }

    private static String describe(Event event) {
        return event.eventData() instanceof StreamUpdate update
                ? event.eventType().wireName() + ":" + update.title() : event.eventType().wireName();
    }

    @Test
    void theFirstUpdateGoesAtOnceAndReturnsItsAcceptedTime() {
        long start = timer.now();

        assertEquals(start, update("first"));

        assertEquals(List.of("streamUpdate:first@0"), sent(start));
    }

    @Test
    void laterUpdatesWaitForTheWindowsEndAndOnlyTheLatestGoesWithTheTimeItWasAccepted() {
        long start = timer.now();
        update("first");
        timer.advance(Duration.ofMillis(500));
        update("replaced");
        timer.advance(Duration.ofMillis(500));
        update("latest");

        timer.advance(WINDOW.minus(Duration.ofMillis(1000)).minus(TICK));
        assertEquals(List.of("streamUpdate:first@0"), sent(start), "nothing before the window ends");

        timer.advance(TICK);
        assertEquals(List.of("streamUpdate:first@0", "streamUpdate:latest@1000"), sent(start),
                "the latest, exactly at the window's end");
    }

    @Test
    void aFlushOpensTheNextWindow() {
        long start = timer.now();
        update("first");
        update("second");
        timer.advance(WINDOW);
        update("third");

        timer.advance(WINDOW.minus(TICK));
        assertEquals(List.of("streamUpdate:first@0", "streamUpdate:second@0"), sent(start),
                "an update after a flush waits for the window the flush opened");
        timer.advance(TICK);
        assertEquals(List.of("streamUpdate:first@0", "streamUpdate:second@0", "streamUpdate:third@2000"), sent(start));
    }

    @Test
    void aWindowThatEndsWithNothingHeldClosesAndTheNextUpdateGoesAtOnce() {
        long start = timer.now();
        update("first");
        timer.advance(WINDOW);
        assertEquals(0, timer.waiting(), "no window stays open without a held update");

        update("second");

        assertEquals(List.of("streamUpdate:first@0", "streamUpdate:second@2000"), sent(start));
    }

    @Test
    void otherTypesNeverWaitAndKeepTheirPublishOrderAroundAHeldUpdate() {
        long start = timer.now();
        offline();
        update("first");
        update("held");
        timer.advance(Duration.ofMillis(10));
        offline();

        assertEquals(List.of("streamOffline@0", "streamUpdate:first@0", "streamOffline@10"), sent(start),
                "another type passes an open window at once (EVT-10)");
        timer.advance(WINDOW);
        assertEquals(List.of("streamOffline@0", "streamUpdate:first@0", "streamOffline@10", "streamUpdate:held@0"),
                sent(start));
    }

    @Test
    void manyUpdatesInOneWindowSendOneAtItsEnd() {
        long start = timer.now();
        update("first");
        for (int i = 0; i < 1000; i++) {
            update("update " + i);
        }

        timer.advance(WINDOW);
        timer.advance(WINDOW);

        assertEquals(List.of("streamUpdate:first@0", "streamUpdate:update 999@0"), sent(start));
    }
}
