package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Accepts events and broadcasts them, holding {@code streamUpdate} to one broadcast per window:
 * the first goes out at once and opens a window, later ones replace the pending one, and the
 * pending one goes out when the window ends (opening the next), so the latest state always
 * arrives (EVT-8, EVT-9). Other event types pass at once (EVT-10).
 */
public final class ThrottledPublisher implements EventPublisher {
    private final Broadcaster broadcaster;
    private final ScheduledExecutorService timer;
    private final Duration window;
    private final Clock clock;

    private boolean windowOpen;
    private Pending pending;

    /** A held streamUpdate and the time it was accepted. */
    private record Pending(EventPayload payload, long timestamp) {
    }

    /**
     * @param broadcaster where events go
     * @param timer       runs window ends
     * @param window      the streamUpdate interval
     * @param clock       source of accepted timestamps
     */
    public ThrottledPublisher(Broadcaster broadcaster, ScheduledExecutorService timer, Duration window,
            Clock clock) {
        this.broadcaster = broadcaster;
        this.timer = timer;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public long publish(EventType type, EventPayload payload) {
        long timestamp = clock.millis();
        if (type != EventType.STREAM_UPDATE) {
            broadcaster.broadcast(type, payload, timestamp);
            return timestamp;
        }
        synchronized (this) {
            if (windowOpen) {
                pending = new Pending(payload, timestamp);
                return timestamp;
            }
            openWindow();
            // Broadcast under the lock although it waits for the fan-out: released first, a
            // window-end flush could overtake this update and leave an older state last. Only
            // other streamUpdate publishers wait here, and they should.
            broadcaster.broadcast(type, payload, timestamp);
        }
        return timestamp;
    }

    private void openWindow() {
        windowOpen = true;
        timer.schedule(this::windowEnded, window.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void windowEnded() {
        if (pending == null) {
            windowOpen = false;
            return;
        }
        Pending next = pending;
        pending = null;
        openWindow();
        broadcaster.broadcast(EventType.STREAM_UPDATE, next.payload(), next.timestamp());
    }
}
