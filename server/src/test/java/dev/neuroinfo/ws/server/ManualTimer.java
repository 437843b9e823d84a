package dev.neuroinfo.ws.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timer and a clock that move only when the test says: {@link #advance} runs, on the caller's
 * thread and in time order, every task that has come due, including those the tasks schedule. Code
 * given its {@link #clock()} and the timer as its {@link ScheduledExecutorService} can be tested at
 * exact instants without sleeping. Only one-shot {@code schedule} of a Runnable is supported.
 */
public final class ManualTimer extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task> due = new PriorityQueue<>(
            Comparator.comparingLong(Task::atMillis).thenComparingLong(Task::sequence));
    private long nowMillis = 1_700_000_000_000L;
    private long scheduled;
    private boolean shutdown;

    /** A clock reading this timer's time. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now());
            }
        };
    }

    /** The current time, epoch milliseconds. */
    public synchronized long now() {
        return nowMillis;
    }

    /** How many tasks wait. */
    public synchronized int waiting() {
        return due.size();
    }

    /** Moves time on by {@code step}, running each task when its time comes. */
    public void advance(Duration step) {
        long target;
        synchronized (this) {
            target = nowMillis + step.toMillis();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = due.peek();
                if (next == null || next.atMillis() > target) {
                    nowMillis = target;
                    return;
                }
                due.poll();
                nowMillis = next.atMillis();
            }
            // outside the lock: a task may schedule again, from its own lock
            next.command().run();
        }
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        Task task = new Task(nowMillis + unit.toMillis(delay), scheduled++, command);
        due.add(task);
        return task;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>();
        due.forEach(task -> left.add(task.command()));
        due.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && due.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task implements ScheduledFuture<Object> {
        private final long atMillis;
        private final long sequence;
        private final Runnable command;

        Task(long atMillis, long sequence, Runnable command) {
            this.atMillis = atMillis;
            this.sequence = sequence;
            this.command = command;
        }

        long atMillis() {
            return atMillis;
        }

        long sequence() {
            return sequence;
        }

        Runnable command() {
            return command;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atMillis - now(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (ManualTimer.this) {
                return due.remove(this);
            }
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            synchronized (ManualTimer.this) {
                return !due.contains(this);
            }
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
    }
}
