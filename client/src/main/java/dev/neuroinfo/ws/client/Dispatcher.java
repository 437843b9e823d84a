package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs listeners on the callback executor, one task per step so that a single-threaded
 * executor keeps their order, and keeps one listener's exception from reaching any other.
 */
final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final Executor executor;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();

    Dispatcher(Executor executor, List<ConnectionListener> initial) {
        this.executor = executor;
        this.listeners.addAll(initial);
    }

    void add(ConnectionListener listener) {
        listeners.add(listener);
    }

    void remove(ConnectionListener listener) {
        listeners.remove(listener);
    }

    void connected(String sessionId) {
        fire(l -> l.connected(sessionId));
    }

    void disconnected(int code, String reason) {
        fire(l -> l.disconnected(code, reason));
    }

    void reconnecting(int attempt, Duration delay) {
        fire(l -> l.reconnecting(attempt, delay));
    }

    void reconnectFailed(Throwable cause) {
        fire(l -> l.reconnectFailed(cause));
    }

    void error(Throwable error) {
        fire(l -> l.error(error));
    }

    void subscribed(EventType type) {
        fire(l -> l.subscribed(type));
    }

    void unsubscribed(EventType type) {
        fire(l -> l.unsubscribed(type));
    }

    void eventsMissed(EventGap gap) {
        fire(l -> l.eventsMissed(gap));
    }

    void rawMessage(String text) {
        if (!listeners.isEmpty()) {
            fire(l -> l.rawMessage(text));
        }
    }

    /** Delivers one event to a snapshot of its listeners. */
    void event(EventType type, EventPayload payload, long timestamp,
            List<EventListener<? super EventPayload>> targets) {
        execute(() -> {
            for (EventListener<? super EventPayload> target : targets) {
                try {
                    target.onEvent(payload, timestamp);
                } catch (VirtualMachineError fatal) {
                    throw fatal;
                } catch (Throwable thrown) {
                    error(new EventListenerException(type, thrown));
                }
            }
        });
    }

    /** Runs a task on the callback executor, after the callbacks handed to it before (when it is single-threaded). */
    void run(Runnable task) {
        execute(task);
    }

    private void fire(Consumer<ConnectionListener> call) {
        execute(() -> {
            for (ConnectionListener listener : listeners) {
                try {
                    call.accept(listener);
                } catch (VirtualMachineError fatal) {
                    throw fatal;
                } catch (Throwable thrown) {
                    LOG.log(System.Logger.Level.WARNING, "a connection listener threw", thrown);
                }
            }
        });
    }

    private void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // The executor is shutting down with the client; a late callback has nobody to tell.
            LOG.log(System.Logger.Level.DEBUG, "callback dropped: executor rejected it");
        }
    }
}
