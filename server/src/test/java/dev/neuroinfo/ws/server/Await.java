package dev.neuroinfo.ws.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The one bounded poll the server's tests wait with, instead of sleeping a fixed time. */
public final class Await {
    private Await() {
    }

    /** Waits until {@code condition} holds, failing after {@code bound}. */
    public static void until(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + bound.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
