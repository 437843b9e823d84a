package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.message.Event;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pull-style access to events: a blocking iterator over the events of the types it was opened
 * for, in the order they arrived, from {@link NeuroInfoClient#stream(int, EventType...)}.
 *
 * <p><b>Bounded buffer, drop-oldest.</b> At most {@link #capacity()} events wait here. When an
 * event arrives at a full buffer the oldest waiting event is discarded and counted in
 * {@link #droppedCount()}: the connection is never held up by a slow reader, and a reader that
 * falls behind still sees the latest state. Read faster or open a larger stream if drops matter.
 *
 * <p>Ends when {@link #close()}d or when its client closes: {@link #hasNext()} then answers what
 * is still buffered and then {@code false}. An interrupted {@code hasNext()} also answers
 * {@code false}, keeping the thread's interrupt flag set. One reader thread at a time.
 */
public final class EventStream implements Iterator<Event>, AutoCloseable {
    private final int capacity;
    private final ArrayDeque<Event> buffer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private List<Subscription> subscriptions = List.of();
    private long dropped;
    private boolean closed;

    EventStream(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.buffer = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    void attach(List<Subscription> subs) {
        this.subscriptions = List.copyOf(subs);
    }

    /** Called on the client's receiving thread; never blocks. */
    void offer(Event event) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (buffer.size() == capacity) {
                buffer.pollFirst();
                dropped++;
            }
            buffer.addLast(event);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream without removing its subscriptions (the client is closing). */
    void end() {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the next event; {@code false} once the stream has ended and is drained. */
    @Override
    public boolean hasNext() {
        lock.lock();
        try {
            while (buffer.isEmpty() && !closed) {
                arrived.await();
            }
            return !buffer.isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** The next event, waiting for it. */
    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream has ended");
        }
        lock.lock();
        try {
            return buffer.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next event, waiting at most {@code timeout}.
     *
     * @return the event, or empty when none came in time or the stream has ended
     */
    public Optional<Event> poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (buffer.isEmpty() && !closed && nanos > 0) {
                nanos = arrived.awaitNanos(nanos);
            }
            return Optional.ofNullable(buffer.pollFirst());
        } finally {
            lock.unlock();
        }
    }

    /** Events waiting to be read. */
    public int buffered() {
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    /** The most events this stream buffers. */
    public int capacity() {
        return capacity;
    }

    /** Events discarded because the buffer was full. */
    public long droppedCount() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the stream has ended (it may still hold buffered events). */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream and removes its subscriptions; idempotent. */
    @Override
    public void close() {
        end();
        subscriptions.forEach(Subscription::cancel);
    }
}
