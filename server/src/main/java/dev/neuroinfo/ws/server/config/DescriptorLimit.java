package dev.neuroinfo.ws.server.config;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The process's file descriptor limit, and how it is shared: the WebSocket port may hold all but a
 * reserve of a tenth, the HTTP API port half of that reserve, and the other half stays for files,
 * Redis and the JVM's own.
 */
final class DescriptorLimit {
    /** Taken as the limit where the JVM cannot tell it (not a Unix): 10,000 for the WebSocket port. */
    private static final long FALLBACK = 11_111;
    /** Descriptors kept for everything else at the least: HTTP requests, files, Redis, the JVM's own. */
    private static final int MIN_RESERVE = 256;

    private DescriptorLimit() {
    }

    /** The limit less a reserve of a tenth of it (at least {@value #MIN_RESERVE}), and never below 64. */
    static int connectionsBelowIt() {
        long limit = limit();
        return (int) Math.max(64, Math.min(Integer.MAX_VALUE, limit - reserve(limit)));
    }

    /** Half of the reserve {@link #connectionsBelowIt()} leaves. */
    static int apiConnectionsBelowIt() {
        return (int) Math.min(Integer.MAX_VALUE, reserve(limit()) / 2);
    }

    private static long reserve(long limit) {
        return Math.max(MIN_RESERVE, limit / 10);
    }

    private static long limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount()
                : FALLBACK;
    }
}
