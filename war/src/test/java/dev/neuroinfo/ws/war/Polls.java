package dev.neuroinfo.ws.war;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting for a condition, with a bound and without fixed sleeps between checks that could pass. */
final class Polls {
    static final Duration BOUND = Duration.ofSeconds(30);

    private Polls() {
    }

    /** Polls every 50 ms until the condition holds; fails naming it after {@link #BOUND}. */
    static void until(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + BOUND.toSeconds() + " s for " + what);
            }
            Thread.sleep(50);
        }
    }
}
