package dev.neuroinfo.ws.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs calls on threads of their own, released at once, so that they race each other. */
public final class Race {
    /** The longest a race may take before the test fails. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    private Race() {
    }

    /** Runs {@code count} calls at once, call {@code i} made by {@code call.apply(i)}, and answers their results in that order. */
    public static <T> List<T> run(int count, IntFunction<Callable<T>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<T> one = call.apply(i);
                futures.add(pool.submit(() -> {
                    go.await();
                    return one.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            long deadline = System.nanoTime() + BOUND.toNanos();
            for (Future<T> future : futures) {
                results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
