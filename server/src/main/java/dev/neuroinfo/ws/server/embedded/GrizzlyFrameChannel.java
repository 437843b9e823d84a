package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.ws.FrameChannel;
import dev.neuroinfo.ws.server.ws.OutboundText;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.asyncqueue.AsyncWriteQueueRecord;
import org.glassfish.grizzly.asyncqueue.MessageCloner;
import org.glassfish.grizzly.asyncqueue.TaskQueue;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.grizzly.nio.NIOTransport;

/**
 * Writes encoded frames straight to a Grizzly connection's socket or its asynchronous write queue. Every
 * frame Tyrus writes passes the listener's whole filter chain, which only passes it on once the
 * connection is upgraded; the benchmarks measured that, with Tyrus framing each message again per
 * connection, at about half of the Java time per delivered event.
 *
 * <p>A broadcast writes nothing new per connection: each thread rewinds one view of the shared
 * frame, and a frame is copied only when it has to wait in the queue. At 50,000 deliveries a
 * second the three small objects a write used to take came to most of the allocation, and their
 * garbage collections showed as the slowest deliveries.
 *
 * <p>A message is written to the socket on the calling thread when nothing else is queued or
 * being written, as Grizzly's own writer does, but without the queue record, re-entrance counter,
 * monitoring probes and completion call that writer spends on every write: on a fan-out thread
 * whose time is 80 % the kernel's {@code write}, those were most of the rest (docs/performance.md).
 * Whether the socket is free is decided by Grizzly's reservation in the connection's write queue,
 * the same one every Grizzly writer of this connection takes, so whole frames from all of them
 * keep their order; what cannot be written at once waits in that queue, and Grizzly's selector
 * writes it.
 *
 * <p>The write queue is the one Tyrus's own frames end in. Bypassing the filter chain is only
 * correct because no filter on this listener transforms outgoing bytes (there is no TLS filter:
 * TLS ends in front of the embedded server).
 *
 * <p>The budget counts the frames in the queue; Grizzly's own limit on queued bytes would not do,
 * because Tyrus waits for it (its close frame too) where this channel must refuse.
 */
final class GrizzlyFrameChannel implements FrameChannel {
    private static final ThreadLocal<FrameView> VIEWS = new ThreadLocal<>();
    private static final AtomicIntegerFieldUpdater<GrizzlyFrameChannel> QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(GrizzlyFrameChannel.class, "queued");

    private final NIOConnection connection;
    private final SocketChannel socket;
    private final TaskQueue<AsyncWriteQueueRecord> writeQueue;
    private final AsyncQueueWriter<SocketAddress> writer;
    private final int budget;
    private final ScheduledExecutorService timer;
    /** Reports every message write: only its place in the budget matters; a failed one ends the connection. */
    private final Reporter messageWritten = new Reporter(Completion.IGNORE);
    private volatile int queued;
    /** The connection's 101 while it may still be held for this channel's first write; then null. */
    private volatile CoalescedUpgrade upgrade;

    /**
     * @param budget  frames that may wait in the queue at once
     * @param timer   runs {@link #endWithin(Duration)}
     * @param upgrade the connection's 101, which the first write carries if it is still held
     */
    @SuppressWarnings("unchecked")
    GrizzlyFrameChannel(Connection<?> connection, int budget, ScheduledExecutorService timer, CoalescedUpgrade upgrade) {
        this.connection = (NIOConnection) connection;
        this.socket = (SocketChannel) this.connection.getChannel();
        this.writeQueue = this.connection.getAsyncWriteQueue();
        this.writer = ((NIOTransport) connection.getTransport()).getAsyncQueueIO().getWriter();
        this.budget = budget;
        this.timer = timer;
        this.upgrade = upgrade;
    }

    @Override
    public boolean write(OutboundText message) {
        if (!reserve()) {
            return false;
        }
        // the first message (the welcome) gets a view of its own: it may wait behind the held 101
        CoalescedUpgrade pending = upgrade;
        if (pending == null
                || !afterUpgrade(pending, Buffers.wrap(connection.getMemoryManager(), message.frame()), messageWritten)) {
            writeOrQueue(view(message));
        }
        return true;
    }

    /**
     * Grizzly's protocol for its write queue ({@code AbstractNIOAsyncQueueWriter.write}): whoever
     * reserves space in an empty queue owns the socket until it releases that space; everyone else
     * queues behind, and the owner hands the queue to the selector when it finds it was not alone.
     */
    private void writeOrQueue(ByteBuffer frame) {
        int size = frame.remaining();
        if (writeQueue.reserveSpace(size) != size) {
            writeQueue.offer(queued(frame));
            return;
        }
        int written;
        try {
            written = socket.write(frame);
        } catch (IOException failure) {
            QUEUED.decrementAndGet(this);
            // as Grizzly's writer does: a socket that fails a write is gone, and its close tells Tyrus
            connection.terminateWithReason(failure);
            return;
        }
        try {
            if (written == size) {
                QUEUED.decrementAndGet(this);
                if (writeQueue.releaseSpaceAndNotify(size) != 0) {
                    connection.simulateIOEvent(IOEvent.WRITE);
                }
            } else {
                writeQueue.releaseSpaceAndNotify(written);
                writeQueue.setCurrentElement(queued(frame));
                connection.enableIOEvent(IOEvent.WRITE);
            }
        } catch (IOException failure) {
            connection.terminateWithReason(failure);
        }
    }

    /** A queue record of the frame's unwritten rest, copied: the view it comes from is reused. */
    private AsyncWriteQueueRecord queued(ByteBuffer rest) {
        Buffer copy = connection.getMemoryManager().allocate(rest.remaining());
        copy.put(rest);
        copy.flip();
        return AsyncWriteQueueRecord.create(connection, copy, messageWritten, null, null, false);
    }

    @Override
    public boolean writeControl(ByteBuffer frame, Completion completion) {
        if (!reserve()) {
            return false;
        }
        // a control frame is the channel's own: it may wait in the queue as it is, without a copy
        Buffer buffer = Buffers.wrap(connection.getMemoryManager(), frame);
        Reporter reporter = new Reporter(completion);
        CoalescedUpgrade pending = upgrade;
        if (pending == null || !afterUpgrade(pending, buffer, reporter)) {
            writer.write(connection, null, buffer, reporter, (MessageCloner<WritableMessage>) null);
        }
        return true;
    }

    /** Writes the buffer behind the held 101, if there still is one; false when the caller must write it. */
    private boolean afterUpgrade(CoalescedUpgrade pending, Buffer buffer, Reporter reporter) {
        if (pending.writeAfterHeld(buffer, reporter, null)) {
            upgrade = null;
            return true;
        }
        if (pending.done()) {
            upgrade = null;
        }
        return false;
    }

    @Override
    public void endWithin(Duration grace) {
        try {
            timer.schedule(() -> {
                if (connection.isOpen()) {
                    connection.terminateSilently();
                }
            }, grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // the listener is stopping and takes every connection with it
            connection.terminateSilently();
        }
    }

    private boolean reserve() {
        if (QUEUED.incrementAndGet(this) > budget) {
            QUEUED.decrementAndGet(this);
            return false;
        }
        return true;
    }

    /** This thread's view of the message's frame, rewound to its start. */
    private static ByteBuffer view(OutboundText message) {
        FrameView view = VIEWS.get();
        if (view == null || view.message != message) {
            view = new FrameView(message, message.frame());
            VIEWS.set(view);
        } else {
            view.buffer.rewind();
        }
        return view.buffer;
    }

    private record FrameView(OutboundText message, ByteBuffer buffer) {
    }

    private final class Reporter extends EmptyCompletionHandler<WriteResult<WritableMessage, SocketAddress>> {
        private final Completion completion;

        Reporter(Completion completion) {
            this.completion = completion;
        }

        @Override
        public void completed(WriteResult<WritableMessage, SocketAddress> result) {
            QUEUED.decrementAndGet(GrizzlyFrameChannel.this);
            completion.written();
        }

        @Override
        public void failed(Throwable failure) {
            QUEUED.decrementAndGet(GrizzlyFrameChannel.this);
            completion.failed(failure);
        }

        @Override
        public void cancelled() {
            failed(new CancellationException("write cancelled"));
        }
    }
}
