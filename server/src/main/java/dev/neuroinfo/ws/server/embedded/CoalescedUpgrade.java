package dev.neuroinfo.ws.server.embedded;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.function.Consumer;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.asyncqueue.MessageCloner;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.NIOTransport;

/**
 * Sends an admitted connection's 101 in the same write as whatever the server writes next, the
 * {@code welcome} that the endpoint sends while the upgrade is still being processed: one system
 * call and one TCP segment instead of two. On loopback each write runs both TCP stacks and wakes
 * the client, which made the separate 101 about a tenth of a churn cycle's CPU
 * (docs/performance.md, "Churn, now").
 *
 * <p>The 101 is held from the moment it is encoded until the next write to the connection, from
 * any thread and by either way out (the filter chain, as Tyrus writes, or {@link
 * GrizzlyFrameChannel}), or until the read that carried the handshake has been processed, when a
 * 101 still held goes out alone. A close that Tyrus starts in that window writes its close frame
 * first, so nothing is lost to a close; only a connection terminated without any write (which
 * discards its queue anyway) does not get its 101.
 *
 * <p>Until the 101 has gone out, writes are ordered under this object's lock; after that, a
 * write costs one read of a field.
 */
final class CoalescedUpgrade {
    private static final Attribute<CoalescedUpgrade> PENDING =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(CoalescedUpgrade.class.getName());

    private final Connection<SocketAddress> connection;
    private final AsyncQueueWriter<SocketAddress> writer;
    private boolean armed;
    /** Whether the 101 has gone out (or will never be held): from then on writes pass as they are. */
    private volatile boolean done;
    private Buffer held;
    private CompletionHandler<WriteResult<WritableMessage, SocketAddress>> heldHandler;

    @SuppressWarnings("unchecked")
    private CoalescedUpgrade(Connection<?> connection) {
        this.connection = (Connection<SocketAddress>) connection;
        this.writer = ((NIOTransport) connection.getTransport()).getAsyncQueueIO().getWriter();
    }

    /**
     * Starts holding the connection's writes for the read {@code handshake}, whose end sends
     * whatever is still held.
     */
    static CoalescedUpgrade open(FilterChainContext handshake) {
        CoalescedUpgrade upgrade = new CoalescedUpgrade(handshake.getConnection());
        PENDING.set(handshake.getConnection(), upgrade);
        handshake.addCompletionListener(done -> upgrade.flush());
        return upgrade;
    }

    /**
     * Marks that the response about to be encoded on this connection is its 101; any other
     * response passes as it is.
     */
    static void switchingProtocols(Connection<?> connection) {
        CoalescedUpgrade upgrade = PENDING.get(connection);
        if (upgrade != null) {
            synchronized (upgrade) {
                upgrade.armed = !upgrade.done;
            }
        }
    }

    /** Whether the 101 is out or will not be held: callers can forget this object. */
    boolean done() {
        return done;
    }

    /**
     * Writes {@code message}, with the held 101 in front of it if there is one.
     *
     * @return false when nothing was held: the caller writes the message itself
     */
    boolean writeAfterHeld(Buffer message, CompletionHandler<WriteResult<WritableMessage, SocketAddress>> handler,
            MessageCloner<WritableMessage> cloner) {
        synchronized (this) {
            if (held == null) {
                finish();
                return false;
            }
            Buffer both = Buffers.appendBuffers(connection.getMemoryManager(), held, message);
            // the held 101 is this object's own; a cloner the message came with copies whatever must wait
            writer.write(connection, null, both, new Both(heldHandler, handler), cloner);
            finish();
            return true;
        }
    }

    /** Holds the encoded 101; false when this write is not it. */
    private synchronized boolean hold(Buffer message, CompletionHandler<WriteResult<WritableMessage, SocketAddress>> handler) {
        if (!armed || done || held != null) {
            return false;
        }
        held = message;
        heldHandler = handler;
        return true;
    }

    /** The end of the handshake's read: a 101 still held goes out alone. */
    private void flush() {
        synchronized (this) {
            if (held != null) {
                writer.write(connection, null, held, heldHandler, (MessageCloner<WritableMessage>) null);
            }
            finish();
        }
    }

    private void finish() {
        held = null;
        heldHandler = null;
        armed = false;
        done = true;
        PENDING.remove(connection);
    }

    /**
     * Just above the transport, where responses are encoded bytes: holds the 101 and writes the
     * next write of the filter chain behind it.
     */
    static final class Filter extends BaseFilter {
        @Override
        @SuppressWarnings("unchecked")
        public NextAction handleWrite(FilterChainContext ctx) throws IOException {
            CoalescedUpgrade upgrade = PENDING.get(ctx.getConnection());
            FilterChainContext.TransportContext transport = ctx.getTransportContext();
            if (upgrade == null || transport.isBlocking() || !(ctx.getMessage() instanceof Buffer message)) {
                return ctx.getInvokeAction();
            }
            CompletionHandler<WriteResult<WritableMessage, SocketAddress>> handler = transport.getCompletionHandler();
            MessageCloner<WritableMessage> cloner = transport.getMessageCloner();
            if (upgrade.hold(message, handler) || upgrade.writeAfterHeld(message, handler, cloner)) {
                transport.setCompletionHandler(null);
                transport.setMessageCloner(null);
                ctx.setMessage(null);
                return ctx.getStopAction();
            }
            return ctx.getInvokeAction();
        }
    }

    /** Reports a write of two messages to each one's handler. */
    private record Both(CompletionHandler<WriteResult<WritableMessage, SocketAddress>> first,
            CompletionHandler<WriteResult<WritableMessage, SocketAddress>> second)
            implements CompletionHandler<WriteResult<WritableMessage, SocketAddress>> {
        @Override
        public void cancelled() {
            each(CompletionHandler::cancelled);
        }

        @Override
        public void failed(Throwable failure) {
            each(handler -> handler.failed(failure));
        }

        @Override
        public void completed(WriteResult<WritableMessage, SocketAddress> result) {
            each(handler -> handler.completed(result));
        }

        @Override
        public void updated(WriteResult<WritableMessage, SocketAddress> result) {
            each(handler -> handler.updated(result));
        }

        private void each(Consumer<CompletionHandler<WriteResult<WritableMessage, SocketAddress>>> call) {
            if (first != null) {
                call.accept(first);
            }
            if (second != null) {
                call.accept(second);
            }
        }
    }
}
