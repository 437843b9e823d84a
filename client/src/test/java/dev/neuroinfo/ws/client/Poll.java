package dev.neuroinfo.ws.client;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a bound; a timeout is a failure, never a timing assertion. */
final class Poll {
    static final Duration BOUND = Duration.ofSeconds(20);

    private Poll() {
    }

    static void until(String what, BooleanSupplier condition) {
        until(what, BOUND, condition);
    }

    static void until(String what, Duration bound, BooleanSupplier condition) {
        until(what, bound, condition, () -> "");
    }

    /** As {@link #until(String, BooleanSupplier)}, a failure adding what {@code detail} tells then. */
    static void until(String what, BooleanSupplier condition, Supplier<String> detail) {
        until(what, BOUND, condition, detail);
    }

    private static void until(String what, Duration bound, BooleanSupplier condition, Supplier<String> detail) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String told = detail.get();
                fail("gave up waiting " + bound.toSeconds() + " s for: " + what + (told.isEmpty() ? "" : "\n" + told));
            }
            pause(what);
        }
    }

    /**
     * Checks a condition for the whole of {@code window}, failing as soon as it stops holding: the
     * bounded wait for something that must not happen.
     */
    static void holds(String what, Duration window, BooleanSupplier condition) {
        long deadline = System.nanoTime() + window.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                fail("no longer true: " + what);
            }
            pause(what);
        } while (System.nanoTime() < deadline);
        if (!condition.getAsBoolean()) {
            fail("no longer true: " + what);
        }
    }

    private static void pause(String what) {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for: " + what);
        }
    }

    static <T> T value(String what, Supplier<T> supplier) {
        Object[] holder = new Object[1];
        until(what, () -> (holder[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        T value = (T) holder[0];
        return value;
    }
}
