package dev.neuroinfo.ws.server.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deadlines' bookkeeping on a manual clock: each action runs once its own deadline has passed,
 * in arrival order, never when disarmed, and one timer task at a time watches the earliest, waking
 * a slack after it.
 * ConnectionGuardTest shows the handshake timeout on real sockets, ApiRequestDeadlineTest the
 * request timeout.
 */
class ConnectionDeadlinesTest {
    private final AtomicLong now = new AtomicLong();
    /** The delays of the tasks scheduled, in nanoseconds. */
    private final List<Long> delays = new CopyOnWriteArrayList<>();
    /** Its one thread is kept busy, so that the tasks it is given stay in its queue for the test to count. */
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1) {
        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delays.add(unit.toNanos(delay));
            return super.schedule(command, delay, unit);
        }
    };
    private final CountDownLatch release = new CountDownLatch(1);
    private final ConnectionDeadlines deadlines = new ConnectionDeadlines(Duration.ofSeconds(10), timer, now::get);
    private final List<String> expired = new ArrayList<>();

    @BeforeEach
    void occupyTimer() throws InterruptedException {
        CountDownLatch occupied = new CountDownLatch(1);
        timer.execute(() -> {
            occupied.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(occupied.await(10, TimeUnit.SECONDS));
        delays.clear(); // that task's
    }

    @AfterEach
    void stopTimer() {
        release.countDown();
        timer.shutdownNow();
    }

    @Test
    void eachActionRunsOnceItsOwnDeadlineHasPassed() {
        deadlines.start(() -> expired.add("a"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(4));
        deadlines.start(() -> expired.add("b"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(6) - 1);
        deadlines.expireDue();
        assertEquals(List.of(), expired);
        now.incrementAndGet();
        deadlines.expireDue();
        assertEquals(List.of("a"), expired);
        now.addAndGet(TimeUnit.SECONDS.toNanos(4));
        deadlines.expireDue();
        deadlines.expireDue();
        assertEquals(List.of("a", "b"), expired);
    }

    @Test
    void aDisarmedDeadlineDoesNothing() {
        deadlines.start(() -> expired.add("a")).disarm();
        deadlines.start(() -> expired.add("b"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        deadlines.expireDue();
        assertEquals(List.of("b"), expired);
    }

    @Test
    void oneTimerTaskWatchesTheEarliestDeadline() {
        for (int i = 0; i < 100; i++) {
            deadlines.start(() -> expired.add("x"));
        }
        assertEquals(1, timer.getQueue().size());
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        timer.getQueue().clear(); // the run below stands for that task
        deadlines.expireDue();
        assertEquals(100, expired.size());
        assertEquals(0, timer.getQueue().size(), "nothing left to watch");
        deadlines.start(() -> expired.add("y"));
        assertEquals(1, timer.getQueue().size());
    }

    @Test
    void oneWakeUpServesEveryDeadlineDueWithinTheSlackAfterTheEarliest() {
        long slack = ConnectionDeadlines.MAX_SLACK.toNanos();
        deadlines.start(() -> expired.add("a"));
        assertEquals(List.of(TimeUnit.SECONDS.toNanos(10) + slack), delays, "woken a slack after the deadline");
        now.addAndGet(slack / 2);
        deadlines.start(() -> expired.add("b"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(10) + slack / 2);
        timer.getQueue().clear(); // the run below stands for the task scheduled
        deadlines.expireDue();
        assertEquals(List.of("a", "b"), expired, "both served by that one wake-up");
        deadlines.start(() -> expired.add("c"));
        assertEquals(TimeUnit.SECONDS.toNanos(10) + slack, delays.get(delays.size() - 1));
    }

    @Test
    void aShortTimeoutGetsATenthOfItAsSlack() {
        new ConnectionDeadlines(Duration.ofMillis(200), timer, now::get).start(() -> expired.add("a"));
        assertEquals(List.of(TimeUnit.MILLISECONDS.toNanos(220)), delays);
    }

    @Test
    void anActionThatFailsLeavesTheOthersWatched() {
        deadlines.start(() -> {
            throw new IllegalStateException("boom");
        });
        deadlines.start(() -> expired.add("b"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        timer.getQueue().clear();
        try {
            deadlines.expireDue();
        } catch (IllegalStateException expected) {
            // the timer would swallow it
        }
        assertEquals(1, timer.getQueue().size(), "the rest is watched again");
        timer.getQueue().clear();
        deadlines.expireDue();
        assertEquals(List.of("b"), expired);
    }
}
