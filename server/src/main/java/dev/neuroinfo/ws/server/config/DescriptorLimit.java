package dev.neuroinfo.ws.server.config;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** The process's file descriptor limit, and how many WebSocket connections fit below it. */
final class DescriptorLimit {
    /** Used where the JVM cannot tell the descriptor limit (not a Unix). */
    private static final int FALLBACK = 10_000;
    /** Descriptors kept for everything else at the least: HTTP requests, files, Redis, the JVM's own. */
    private static final int MIN_RESERVE = 256;

    private DescriptorLimit() {
    }

    /** The limit less a reserve of a tenth of it (at least {@value #MIN_RESERVE}), and never below 64. */
    static int connectionsBelowIt() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.UnixOperatingSystemMXBean unix)) {
            return FALLBACK;
        }
        long limit = unix.getMaxFileDescriptorCount();
        long reserve = Math.max(MIN_RESERVE, limit / 10);
        return (int) Math.max(64, Math.min(Integer.MAX_VALUE, limit - reserve));
    }
}
