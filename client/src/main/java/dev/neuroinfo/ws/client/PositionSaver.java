package dev.neuroinfo.ws.client;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Saves a client's new positions to its {@link PositionStore} on the callback executor, so after
 * the listeners of the events up to each position have returned (a single-threaded executor, the
 * default, runs its tasks in order). One save at a time, and never a position of an epoch over a
 * newer one of the same epoch, which an executor of several threads could otherwise cause. A
 * failed save is reported to {@link ConnectionListener#error}; the next position is saved anyway.
 */
final class PositionSaver implements Consumer<EventPosition> {
    private final PositionStore store;
    private final Dispatcher dispatcher;
    private EventPosition saved; // guarded by this

    PositionSaver(PositionStore store, Dispatcher dispatcher) {
        this.store = store;
        this.dispatcher = dispatcher;
    }

    @Override
    public void accept(EventPosition position) {
        dispatcher.run(() -> save(position));
    }

    private synchronized void save(EventPosition position) {
        if (saved != null && saved.epoch().equals(position.epoch()) && saved.offset() >= position.offset()) {
            return;
        }
        try {
            store.save(position);
            saved = position;
        } catch (IOException | RuntimeException e) {
            dispatcher.error(new IllegalStateException("could not save the position " + position + ": "
                    + e.getMessage(), e));
        }
    }
}
