package dev.neuroinfo.ws.server.embedded;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The deadlines of every connection of a listener, on one timer task: the WebSocket port's from
 * accept to upgrade ({@link AcceptGuard}), the HTTP API port's on each request ({@link
 * RequestDeadlines}). All deadlines of one instance get the same timeout, so they fall due in the
 * order they start: a queue in that order, and one task at the earliest deadline, are enough. A
 * deadline that no longer matters (its connection closed, or its request was replaced by the next)
 * is not removed, only disarmed; its entry goes when its time comes.
 *
 * <p>A timer task per connection cost a scheduling, a cancellation and often a wake-up of the timer
 * thread for every connection, which under connection churn was a measurable part of the CPU per
 * handshake (docs/performance.md). For the same reason the task does not wake at the earliest
 * deadline itself but up to a slack later (a tenth of the timeout, at most {@link #MAX_SLACK}):
 * woken at each deadline, under churn it woke once for almost every connection, each time taking
 * the selector thread's core from it; now one wake-up serves every deadline that fell due within
 * the slack. A deadline's action therefore runs between its deadline and a slack after it.
 */
final class ConnectionDeadlines {
    /** The most an action may run after its deadline. */
    static final Duration MAX_SLACK = Duration.ofMillis(100);

    private final long timeoutNanos;
    private final long slackNanos;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoClock;
    private final Queue<Deadline> queue = new ConcurrentLinkedQueue<>();
    /** Whether a task is scheduled (or running) that will look at the queue again. */
    private final AtomicBoolean armed = new AtomicBoolean();

    /** One deadline: what to do when it passes, unless disarmed first. */
    static final class Deadline {
        private final long dueNanos;
        private volatile Runnable expiry;

        private Deadline(long dueNanos, Runnable expiry) {
            this.dueNanos = dueNanos;
            this.expiry = expiry;
        }

        /** The deadline will do nothing; it also lets go of what its action refers to. */
        void disarm() {
            expiry = null;
        }
    }

    /** @param timer runs the one task; deadlines' actions run on it, so they must be quick */
    ConnectionDeadlines(Duration timeout, ScheduledExecutorService timer) {
        this(timeout, timer, System::nanoTime);
    }

    ConnectionDeadlines(Duration timeout, ScheduledExecutorService timer, LongSupplier nanoClock) {
        this.timeoutNanos = timeout.toNanos();
        this.slackNanos = Math.min(timeoutNanos / 10, MAX_SLACK.toNanos());
        this.timer = timer;
        this.nanoClock = nanoClock;
    }

    /** Runs {@code expiry} once the timeout from now has passed, unless the deadline is disarmed before. */
    Deadline start(Runnable expiry) {
        Deadline deadline = new Deadline(nanoClock.getAsLong() + timeoutNanos, expiry);
        queue.add(deadline);
        arm();
        return deadline;
    }

    private void arm() {
        Deadline head = queue.peek();
        if (head != null && armed.compareAndSet(false, true)) {
            schedule(head.dueNanos + slackNanos - nanoClock.getAsLong());
        }
    }

    private void schedule(long delayNanos) {
        try {
            timer.schedule(this::expireDue, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // the listener is closing and ends every connection itself
            armed.set(false);
        }
    }

    /** Runs the actions whose deadlines have passed, then waits for the next one. */
    void expireDue() {
        try {
            long now = nanoClock.getAsLong();
            for (Deadline head = queue.peek(); head != null && head.dueNanos - now <= 0; head = queue.peek()) {
                queue.poll();
                Runnable expiry = head.expiry;
                if (expiry != null) {
                    expiry.run();
                }
            }
        } finally {
            // disarmed before looking again, so that a deadline added meanwhile is never left unwatched
            armed.set(false);
            arm();
        }
    }
}
