package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.CloseReasons;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pings every connection periodically (KA-1, KA-2) and closes (1001) those from which nothing has
 * arrived within the idle timeout (KA-4, KA-5). Tyrus's own idle timeout cannot serve: our pings would reset it, and
 * it closes with 1006.
 */
final class Keepalive {
    private static final System.Logger LOG = System.getLogger(Keepalive.class.getName());

    private final ConnectionRegistry registry;
    private final long idleNanos;

    Keepalive(ConnectionRegistry registry, Duration pingInterval, Duration idleTimeout, ScheduledExecutorService timer) {
        this.registry = registry;
        this.idleNanos = idleTimeout.toNanos();
        long ping = pingInterval.toMillis();
        long sweep = Math.max(50, Math.min(1000, idleTimeout.toMillis() / 10));
        timer.scheduleAtFixedRate(this::pingAll, ping, ping, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::closeIdle, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    private void pingAll() {
        registry.forEach(connection -> guarded(connection, ClientConnection::ping));
    }

    private void closeIdle() {
        long now = System.nanoTime();
        registry.forEach(connection -> guarded(connection, c -> {
            if (now - c.lastSignOfLifeNanos() >= idleNanos) {
                c.close(CloseReasons.IDLE_TIMEOUT);
            }
        }));
    }

    /**
     * Runs one connection's part of a sweep. A periodic task that throws is never run again, so
     * one connection whose container fails a ping or a close must not end keepalive for all.
     */
    private static void guarded(ClientConnection connection, Consumer<ClientConnection> action) {
        try {
            action.accept(connection);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "keepalive of a connection failed: " + e);
        }
    }
}
