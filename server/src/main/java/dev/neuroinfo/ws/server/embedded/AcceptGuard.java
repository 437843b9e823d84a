package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import dev.neuroinfo.ws.server.metrics.TransportRefusal;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * The first filter on the WebSocket listener: what a TCP connection may hold before it has shown
 * who it is. It closes at accept a connection over the node's total cap (so that the HTTP API and
 * the data directory keep descriptors when the WebSocket port is full) or over the cap on not yet
 * authenticated connections from its source address, and closes a connection that has not
 * completed its upgrade within the handshake timeout, however slowly it sends.
 */
final class AcceptGuard extends BaseFilter {
    private static final System.Logger LOG = System.getLogger(AcceptGuard.class.getName());
    private static final Attribute<Pending> PENDING =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(AcceptGuard.class.getName() + ".pending");
    /** At most one log line per kind of refusal within this period: a flood must not flood the log. */
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int maxTotal;
    private final int maxPendingPerAddress;
    private final HandshakeDeadlines deadlines;
    private final ServerMetrics metrics;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> pendingByAddress = new ConcurrentHashMap<>();
    private final RateLimitedLog totalLog = new RateLimitedLog();
    private final RateLimitedLog addressLog = new RateLimitedLog();

    /**
     * @param maxTotal             connections the listener holds at once
     * @param maxPendingPerAddress not yet authenticated connections per source address; 0 for no limit
     */
    AcceptGuard(int maxTotal, int maxPendingPerAddress, Duration handshakeTimeout, ScheduledExecutorService timer,
            ServerMetrics metrics) {
        this.maxTotal = maxTotal;
        this.maxPendingPerAddress = maxPendingPerAddress;
        this.deadlines = new HandshakeDeadlines(handshakeTimeout, timer);
        this.metrics = metrics;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        int now = open.incrementAndGet();
        connection.addCloseListener((closeable, type) -> open.decrementAndGet());
        if (now > maxTotal) {
            totalLog.log("the WebSocket port holds its maximum of {0} connections; closing new ones at accept "
                    + "(--max-total-connections)", maxTotal);
            metrics.droppedBeforeUpgrade(TransportRefusal.MAX_TOTAL_CONNECTIONS);
            connection.terminateSilently();
            return ctx.getStopAction();
        }
        Pending pending = new Pending(addressOf(connection));
        PENDING.set(connection, pending);
        connection.addCloseListener((closeable, type) -> pending.authenticated());
        if (pending.countedWith > maxPendingPerAddress) {
            addressLog.log("{0} has {1} connections that have not authenticated yet; closing new ones at accept "
                    + "(--max-unauthenticated-per-address)", pending.address.getHostAddress(), maxPendingPerAddress);
            metrics.droppedBeforeUpgrade(TransportRefusal.MAX_UNAUTHENTICATED_PER_ADDRESS);
            connection.terminateSilently();
            return ctx.getStopAction();
        }
        HandshakeDeadlines.Deadline deadline = deadlines.start(() -> {
            if (connection.isOpen() && !UpgradedReadFilter.isUpgraded(connection)) {
                metrics.droppedBeforeUpgrade(TransportRefusal.HANDSHAKE_TIMEOUT);
                connection.terminateSilently();
            }
        });
        connection.addCloseListener((closeable, type) -> deadline.disarm());
        return ctx.getInvokeAction();
    }

    /** Marks a connection as authenticated: it no longer counts against its address's cap. */
    static void authenticated(Connection<?> connection) {
        Pending pending = PENDING.get(connection);
        if (pending != null) {
            pending.authenticated();
        }
    }

    private InetAddress addressOf(Connection<?> connection) {
        return connection.getPeerAddress() instanceof InetSocketAddress socket ? socket.getAddress() : null;
    }

    /** One connection's place in its address's count, given up once. */
    private final class Pending {
        final InetAddress address;
        /** The address's count with this connection, or 0 when addresses are not counted. */
        final int countedWith;
        private final AtomicBoolean counted;

        Pending(InetAddress address) {
            this.address = address;
            boolean counting = maxPendingPerAddress > 0 && address != null;
            // increments and decrements run inside the map's per-key atomic updates, so none is lost
            countedWith = counting ? pendingByAddress.compute(address, (a, n) -> {
                AtomicInteger count = n == null ? new AtomicInteger() : n;
                count.incrementAndGet();
                return count;
            }).get() : 0;
            counted = new AtomicBoolean(counting);
        }

        void authenticated() {
            if (counted.compareAndSet(true, false)) {
                // drop the entry at zero so that the map holds only addresses with pending connections
                pendingByAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() == 0 ? null : n);
            }
        }
    }

    private static final class RateLimitedLog {
        private final AtomicLong last = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

        void log(String pattern, Object... arguments) {
            long previous = last.get();
            long now = System.nanoTime();
            if (now - previous >= LOG_EVERY_NANOS && last.compareAndSet(previous, now)) {
                LOG.log(Level.WARNING, pattern, arguments);
            }
        }
    }
}
