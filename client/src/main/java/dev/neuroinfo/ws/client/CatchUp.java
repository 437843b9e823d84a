package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.recovery.HistoryPage;
import dev.neuroinfo.ws.protocol.recovery.LatestState;
import dev.neuroinfo.ws.protocol.recovery.RecoveryGap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where this client stands in the server's history, and the seam between recovered and live
 * events (docs/protocol.md, REC-9). While a session catches up, live events wait in a buffer;
 * the missed events are handed on first, then the buffer, and from then on live events directly,
 * each only if it is newer than the last one handed on, so none is handed on twice and none out
 * of order. Events without an id (a server without the extension) pass straight through.
 *
 * <p>Each catch-up is a numbered round; the answer of a round that a newer one replaced (its
 * connection was lost) is ignored. Thread-safe; {@code sink} is called under this object's lock,
 * in order.
 */
final class CatchUp {
    private final Consumer<Event> sink;
    private final Consumer<EventGap> gaps;
    private final Consumer<EventPosition> moves;
    private EventPosition position;
    private EventPosition floor;
    private boolean unsupported;
    private List<Event> buffer;
    private int round;

    /**
     * @param sink      where events go, in order, once each
     * @param gaps      told when events were missed beyond recovery
     * @param moves     told each new position, after the events up to it went to {@code sink}
     * @param restored  where a previous run of the application stopped, if known: the first
     *                  session catches up from there
     */
    CatchUp(Consumer<Event> sink, Consumer<EventGap> gaps, Consumer<EventPosition> moves,
            Optional<EventPosition> restored) {
        this.sink = sink;
        this.gaps = gaps;
        this.moves = moves;
        this.position = restored.orElse(null);
    }

    /**
     * A session started: from now on live events wait until {@link #recovered}, {@link #resync}
     * or {@link #failed} ends the round. Returns the round, or 0 when the server does not offer
     * recovery (nothing waits then).
     */
    synchronized int begin() {
        if (unsupported) {
            return 0;
        }
        buffer = new ArrayList<>();
        return ++round;
    }

    /**
     * Where the next catch-up starts: the last event handed on or, when none was, the position a
     * previous run stopped at or that of the first connect's state; empty before any.
     */
    synchronized Optional<EventPosition> position() {
        return Optional.ofNullable(position != null ? position : floor);
    }

    /** A live event. */
    synchronized void live(Event event) {
        if (buffer != null) {
            buffer.add(event);
        } else {
            handOn(event);
        }
    }

    /** The history after the position: every missed event, then the waiting live ones. */
    synchronized void recovered(int ofRound, HistoryPage page) {
        if (ofRound != round) {
            return;
        }
        page.events().forEach(this::handOn);
        advanceTo(new EventPosition(page.epoch(), page.offset()));
        drain();
    }

    /**
     * Resynchronises from the latest state: after a gap (reported first) or on a first connect.
     * The latest events newer than the position are handed on (all of them after a change of
     * epoch; on a first connect only if {@code handOnLatest}), then the waiting live ones.
     */
    synchronized void resync(int ofRound, LatestState state, Optional<RecoveryGap> gap, boolean handOnLatest) {
        if (ofRound != round) {
            return;
        }
        EventPosition before = position;
        EventPosition now = new EventPosition(state.epoch(), state.offset());
        if (before == null && !handOnLatest) {
            // A first connect that does not want the state: every live event counts, even one
            // already in the state (it was sent after the subscription), and the state's position
            // is where a later catch-up starts if no event comes before it.
            floor = now;
            moves.accept(now);
            drain();
            return;
        }
        if (before != null && gap.isPresent()) {
            gaps.accept(new EventGap(gap, before.epoch(), before.offset()));
        }
        // Every waiting live event up to the state's offset is either in it or superseded by an event in it.
        state.events().stream()
                .filter(e -> before == null || !before.epoch().equals(e.id().epoch()) || e.id().offset() > before.offset())
                .sorted(Comparator.comparingLong(e -> e.id().offset()))
                .forEach(sink);
        moveTo(now);
        drain();
    }

    /** The server does not offer recovery: hand on what waits, and never wait again. */
    synchronized void unsupported(int ofRound) {
        if (ofRound != round) {
            return;
        }
        unsupported = true;
        drain();
    }

    /** The server could not be asked: say so, hand on what waits. */
    synchronized void failed(int ofRound) {
        if (ofRound != round) {
            return;
        }
        if (position != null) {
            gaps.accept(new EventGap(Optional.empty(), position.epoch(), position.offset()));
        }
        drain();
    }

    private void drain() {
        List<Event> waiting = buffer;
        buffer = null;
        if (waiting != null) {
            waiting.forEach(this::handOn);
        }
    }

    private void handOn(Event event) {
        if (event.id() == null) {
            sink.accept(event);
            return;
        }
        if (position != null && position.epoch().equals(event.id().epoch()) && event.id().offset() <= position.offset()) {
            return;
        }
        if (position != null && !position.epoch().equals(event.id().epoch())) {
            // The server lost its history while this session was live: what came between is unknown.
            gaps.accept(new EventGap(Optional.of(RecoveryGap.OTHER_EPOCH), position.epoch(), position.offset()));
        }
        sink.accept(event);
        moveTo(new EventPosition(event.id().epoch(), event.id().offset()));
    }

    private void advanceTo(EventPosition page) {
        if (position == null || !position.epoch().equals(page.epoch()) || position.offset() < page.offset()) {
            moveTo(page);
        }
    }

    private void moveTo(EventPosition next) {
        if (!next.equals(position)) {
            position = next;
            moves.accept(next);
        }
    }
}
