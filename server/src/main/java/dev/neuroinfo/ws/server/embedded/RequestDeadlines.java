package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.http.HttpCodecIndex;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import dev.neuroinfo.ws.server.metrics.TransportRefusal;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.ICloseType;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * The HTTP API port's deadline on each request: a request must arrive whole, head and body,
 * within the request timeout, or its connection is closed. The clock starts at accept for a
 * connection's first request and at the first bytes of each later one on a kept-alive connection
 * (as nginx's {@code client_header_timeout} does; the wait between requests is Grizzly's
 * keep-alive idle timeout's), and a request read whole by then is safe, so that the time the
 * server takes to answer is not counted. Without it a client sending a byte every few seconds kept
 * its connection for ever, since the idle timeout counts from the last byte; enough of them filled
 * the port's {@link ConnectionCap} and locked everyone else out.
 *
 * <p>Whether a request is whole is the HTTP codec's to say: it keeps the request it is reading on
 * the connection from its first bytes until its last, body included (also a body it skips because
 * the answer did not read it).
 *
 * <p>A connection that misses its deadline is closed without an answer, as nginx does (it logs
 * 408 but sends nothing): the deadline passes on the timer thread, while the connection's own
 * thread may be reading the very request or running its handler, and a 408 written from there
 * could interleave with the handler's answer. The deadlines share one timer task ({@link
 * ConnectionDeadlines}); a request costs a queue entry, no timer task.
 */
final class RequestDeadlines implements AddOn {
    private static final Attribute<Watch> WATCH =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(RequestDeadlines.class.getName() + ".watch");
    /** The request the HTTP codec is reading (the builder hands out the codec's own attribute for its name). */
    private static final Attribute<Object> CODEC_READING =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);

    private final ConnectionDeadlines deadlines;
    private final ServerMetrics metrics;

    /** @param timer runs the deadlines' one task; closing a connection is all it does on it */
    RequestDeadlines(Duration timeout, ScheduledExecutorService timer, ServerMetrics metrics) {
        this.deadlines = new ConnectionDeadlines(timeout, timer);
        this.metrics = metrics;
    }

    /** Puts the clock in front of the HTTP codec, and the mark of a first parsed head right after it. */
    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = HttpCodecIndex.in(builder, RequestDeadlines.class);
        builder.add(codec + 1, new HeadParsed());
        builder.add(codec, new BytesRead());
    }

    /** Starts a request's deadline: at accept, and at the first bytes after a request read whole. */
    private final class BytesRead extends BaseFilter {
        @Override
        public NextAction handleAccept(FilterChainContext ctx) {
            Connection<?> connection = ctx.getConnection();
            Watch watch = new Watch(connection);
            WATCH.set(connection, watch);
            connection.addCloseListener(watch);
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) {
            Watch watch = WATCH.get(ctx.getConnection());
            if (watch != null) {
                watch.bytesRead();
            }
            return ctx.getInvokeAction();
        }
    }

    /** Marks a connection once the codec has parsed a request head on it. */
    private static final class HeadParsed extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) {
            Watch watch = WATCH.get(ctx.getConnection());
            if (watch != null && !watch.headParsed) {
                watch.headParsed = true;
            }
            return ctx.getInvokeAction();
        }
    }

    /**
     * One connection's clock. Its reads, which Grizzly runs one at a time, restart it; the
     * deadline's passing and the connection's close may come on any thread.
     */
    private final class Watch implements Runnable, CloseListener<Closeable, ICloseType> {
        private final Connection<?> connection;
        /** The deadline of the connection's latest request. */
        private volatile ConnectionDeadlines.Deadline running;
        /**
         * Whether a request head has been parsed on the connection. Until then its first request
         * is under way, whether the codec has seen its first bytes yet or not.
         */
        private volatile boolean headParsed;

        Watch(Connection<?> connection) {
            this.connection = connection;
            running = deadlines.start(this);
        }

        /** Bytes arriving when the codec is reading no request are the next request's first. */
        void bytesRead() {
            if (headParsed && CODEC_READING.get(connection) == null) {
                running.disarm();
                running = deadlines.start(this);
            }
        }

        /** The deadline passed: the connection is closed unless its request is whole. */
        @Override
        public void run() {
            if (connection.isOpen() && (!headParsed || CODEC_READING.get(connection) != null)) {
                metrics.droppedBeforeUpgrade(TransportRefusal.REQUEST_TIMEOUT);
                connection.terminateSilently();
            }
        }

        /** A closed connection's deadline lets go of it at once, not when it falls due. */
        @Override
        public void onClosed(Closeable closeable, ICloseType type) {
            running.disarm();
        }
    }
}
