package dev.neuroinfo.ws.server.embedded;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A warning logged at most once per period: a flood of refusals must not flood the log. */
final class RateLimitedLog {
    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Logger logger;
    private final AtomicLong last = new AtomicLong(System.nanoTime() - EVERY_NANOS);

    RateLimitedLog(Logger logger) {
        this.logger = logger;
    }

    /** Logs the warning unless one was logged within the last 10 seconds. */
    void warn(String pattern, Object... arguments) {
        long previous = last.get();
        long now = System.nanoTime();
        if (now - previous >= EVERY_NANOS && last.compareAndSet(previous, now)) {
            logger.log(Level.WARNING, pattern, arguments);
        }
    }
}
