package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.ws.FrameChannel;
import dev.neuroinfo.ws.server.ws.OutboundText;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.asyncqueue.MessageCloner;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.NIOTransport;

/**
 * Writes encoded frames straight into a Grizzly connection's asynchronous write queue. Every
 * frame Tyrus writes passes the listener's whole filter chain, which only passes it on once the
 * connection is upgraded; the benchmarks measured that, with Tyrus framing each message again per
 * connection, at about half of the Java time per delivered event.
 *
 * <p>A broadcast writes nothing new per connection: each thread rewinds one view of the shared
 * frame, and Grizzly copies a frame only when it has to queue it. At 50,000 deliveries a second
 * the three small objects a write used to take came to most of the allocation, and their garbage
 * collections showed as the slowest deliveries.
 *
 * <p>The write queue is the one Tyrus's own frames end in, so whole frames from both keep their
 * order. It is only correct because no filter on this listener transforms outgoing bytes (there
 * is no TLS filter: TLS ends in front of the embedded server).
 *
 * <p>The budget counts the frames in the queue; Grizzly's own limit on queued bytes would not do,
 * because Tyrus waits for it (its close frame too) where this channel must refuse.
 */
final class GrizzlyFrameChannel implements FrameChannel {
    /** Copies the unwritten rest of a frame that has to wait in the queue, freeing the view. */
    private static final MessageCloner<WritableMessage> COPY_REST = (connection, message) -> {
        Buffer rest = (Buffer) message;
        Buffer copy = connection.getMemoryManager().allocate(rest.remaining());
        copy.put(rest, rest.position(), rest.remaining());
        copy.flip();
        return copy;
    };
    private static final ThreadLocal<FrameView> VIEWS = new ThreadLocal<>();
    private static final AtomicIntegerFieldUpdater<GrizzlyFrameChannel> QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(GrizzlyFrameChannel.class, "queued");

    private final Connection<SocketAddress> connection;
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
        this.connection = (Connection<SocketAddress>) connection;
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
            writer.write(connection, null, view(message), messageWritten, COPY_REST);
        }
        return true;
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
    private Buffer view(OutboundText message) {
        FrameView view = VIEWS.get();
        if (view == null || view.message != message) {
            ByteBuffer frame = message.frame();
            view = new FrameView(message, Buffers.wrap(connection.getMemoryManager(), frame));
            VIEWS.set(view);
        } else {
            view.buffer.rewind();
        }
        return view.buffer;
    }

    private record FrameView(OutboundText message, Buffer buffer) {
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
