package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.ws.FrameChannel;
import dev.neuroinfo.ws.server.ws.OutboundText;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
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

    private final Connection<SocketAddress> connection;
    private final AsyncQueueWriter<SocketAddress> writer;
    private volatile Reporter reporter;

    @SuppressWarnings("unchecked")
    GrizzlyFrameChannel(Connection<?> connection) {
        this.connection = (Connection<SocketAddress>) connection;
        this.writer = ((NIOTransport) connection.getTransport()).getAsyncQueueIO().getWriter();
    }

    @Override
    public void write(OutboundText message, Completion completion) {
        writer.write(connection, null, view(message), reporterFor(completion), COPY_REST);
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

    /** A connection passes the same completion every time: one reporter serves them all. */
    private Reporter reporterFor(Completion completion) {
        Reporter current = reporter;
        if (current == null || current.completion != completion) {
            current = new Reporter(completion);
            reporter = current;
        }
        return current;
    }

    private record FrameView(OutboundText message, Buffer buffer) {
    }

    private static final class Reporter extends EmptyCompletionHandler<WriteResult<WritableMessage, SocketAddress>> {
        private final Completion completion;

        Reporter(Completion completion) {
            this.completion = completion;
        }

        @Override
        public void completed(WriteResult<WritableMessage, SocketAddress> result) {
            completion.written();
        }

        @Override
        public void failed(Throwable failure) {
            completion.failed(failure);
        }

        @Override
        public void cancelled() {
            completion.failed(new CancellationException("write cancelled"));
        }
    }
}
