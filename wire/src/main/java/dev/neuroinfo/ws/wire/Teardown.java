package dev.neuroinfo.ws.wire;

import java.util.Arrays;
import java.util.List;

/**
 * Closing what a test started: every resource is closed even when an earlier close fails, and
 * every failure is reported (the first thrown, the others suppressed by it), so that one broken
 * server does not leave the next one running.
 */
public final class Teardown {
    private Teardown() {
    }

    /** Closes each resource in the given order; nulls are skipped. */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        closeAll(Arrays.asList(resources));
    }

    /** Closes each resource in the list's order; nulls are skipped. */
    public static void closeAll(List<? extends AutoCloseable> resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
