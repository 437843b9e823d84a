package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.ws.FrameChannel;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.NIOTransport;

/**
 * Writes encoded frames straight into a Grizzly connection's asynchronous write queue. Every
 * frame Tyrus writes passes the listener's whole filter chain, which only passes it on once the
 * connection is upgraded; the benchmarks measured that, with Tyrus framing each message again per
 * connection, at about half of the Java time per delivered event.
 *
 * <p>The write queue is the one Tyrus's own frames end in, so whole frames from both keep their
 * order. It is only correct because no filter on this listener transforms outgoing bytes (there
 * is no TLS filter: TLS ends in front of the embedded server).
 */
final class GrizzlyFrameChannel implements FrameChannel {
    private final Connection<SocketAddress> connection;
    private final AsyncQueueWriter<SocketAddress> writer;

    @SuppressWarnings("unchecked")
    GrizzlyFrameChannel(Connection<?> connection) {
        this.connection = (Connection<SocketAddress>) connection;
        this.writer = ((NIOTransport) connection.getTransport()).getAsyncQueueIO().getWriter();
    }

    @Override
    public void write(ByteBuffer frame, Completion completion) {
        writer.write(connection, Buffers.wrap(connection.getMemoryManager(), frame), report(completion));
    }

    private static CompletionHandler<WriteResult<WritableMessage, SocketAddress>> report(Completion completion) {
        return new EmptyCompletionHandler<>() {
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
        };
    }
}
