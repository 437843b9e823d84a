package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.http.HttpCodecIndex;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import dev.neuroinfo.ws.server.metrics.TransportRefusal;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.grizzly.Buffer;
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
import org.glassfish.grizzly.http.HttpContext;
import org.glassfish.grizzly.http.HttpProbe;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * The HTTP API port's deadline on each request: a request must arrive whole, head and body,
 * within the request timeout, or its connection is closed. The clock starts at accept for a
 * connection's first request, and for each later one on a kept-alive connection when the HTTP
 * codec starts reading it: at its first bytes (as nginx's {@code client_header_timeout} counts;
 * the wait between requests is Grizzly's keep-alive idle timeout's), or, for a request pipelined
 * behind the previous one, when the server turns to it, after reading or answering that one. A
 * request read whole by its deadline is safe, so that the time the server takes to answer is not
 * counted. Without it a client sending a byte every few seconds kept its connection for ever,
 * since the idle timeout counts from the last byte; enough of them filled the port's {@link
 * ConnectionCap} and locked everyone else out.
 *
 * <p>Whether a request is whole is the HTTP codec's to say: it keeps the request it is reading on
 * the connection from its first bytes until its last, body included (also a body it skips because
 * the answer did not read it). When a request begins is the codec's too, seen by a probe on its
 * input: a filter in front of it saw only socket reads, while the bytes of a pipelined request,
 * read with the end of the previous one, are handed back to the codec alone once the previous
 * request has been dealt with. Such a request ran under the previous one's deadline, and under
 * none once that one had passed while the previous request was being answered: a client could
 * hold its connection by dripping it.
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
    private static final Attribute<HttpRequestPacket> CODEC_READING =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);

    private final ConnectionDeadlines deadlines;
    private final ServerMetrics metrics;

    /** @param timer runs the deadlines' one task; closing a connection is all it does on it */
    RequestDeadlines(Duration timeout, ScheduledExecutorService timer, ServerMetrics metrics) {
        this.deadlines = new ConnectionDeadlines(timeout, timer);
        this.metrics = metrics;
    }

    /** Starts the clock at accept, in front of the HTTP codec, and watches the codec's input for requests beginning. */
    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = HttpCodecIndex.in(builder, RequestDeadlines.class);
        ((HttpServerFilter) builder.get(codec)).getMonitoringConfig().addProbes(new RequestBegun());
        builder.add(codec, new Accepted());
    }

    /** Starts a connection's watch, and with it the deadline of its first request. */
    private final class Accepted extends BaseFilter {
        @Override
        public NextAction handleAccept(FilterChainContext ctx) {
            Connection<?> connection = ctx.getConnection();
            Watch watch = new Watch(connection);
            WATCH.set(connection, watch);
            connection.addCloseListener(watch);
            return ctx.getInvokeAction();
        }
    }

    /**
     * Sees every input the codec takes, socket reads and what it kept of an earlier one alike, after
     * it has made the request the input is for: a new request there has begun.
     */
    private static final class RequestBegun extends HttpProbe.Adapter {
        @Override
        public void onDataReceivedEvent(Connection connection, Buffer buffer) {
            Watch watch = WATCH.get(connection);
            HttpRequestPacket reading = CODEC_READING.get(connection);
            if (watch != null && reading != null) {
                // the codec makes a context per request; the request object itself is reused
                watch.reading(reading.getProcessingState().getHttpContext());
            }
        }
    }

    /**
     * One connection's clock. Each request the codec begins restarts it, on the thread the codec
     * reads on (one at a time); the deadline's passing and the connection's close may come on any
     * thread.
     */
    private final class Watch implements Runnable, CloseListener<Closeable, ICloseType> {
        private final Connection<?> connection;
        /** The deadline of the connection's latest request. */
        private volatile ConnectionDeadlines.Deadline running;
        /**
         * The latest request the codec began, by its context; null until the connection's first,
         * which is under way from accept, whether the codec has seen its first bytes yet or not.
         */
        private volatile HttpContext latest;

        Watch(Connection<?> connection) {
            this.connection = connection;
            running = deadlines.start(this);
        }

        /** The codec is reading {@code current}: if it is a later request than the latest, its deadline starts. */
        void reading(HttpContext current) {
            if (current == latest) {
                return;
            }
            if (latest != null) {
                running.disarm();
                running = deadlines.start(this);
            }
            latest = current;
        }

        /** The deadline passed: the connection is closed unless its request is whole. */
        @Override
        public void run() {
            if (connection.isOpen() && (latest == null || CODEC_READING.get(connection) != null)) {
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
