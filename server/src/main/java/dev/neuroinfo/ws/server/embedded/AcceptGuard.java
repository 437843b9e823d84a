package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import dev.neuroinfo.ws.server.metrics.TransportRefusal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * The WebSocket listener's filter after its {@link ConnectionCap}: what a TCP connection may hold
 * before it has shown who it is. It closes at accept a connection over the cap on not yet
 * authenticated connections from its source address, and closes a connection that has not
 * completed its upgrade within the handshake timeout, however slowly it sends.
 */
final class AcceptGuard extends BaseFilter {
    private static final System.Logger LOG = System.getLogger(AcceptGuard.class.getName());
    private static final Attribute<Pending> PENDING =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(AcceptGuard.class.getName() + ".pending");
    private final int maxPendingPerAddress;
    private final ConnectionDeadlines deadlines;
    private final ServerMetrics metrics;
    private final Map<InetAddress, AtomicInteger> pendingByAddress = new ConcurrentHashMap<>();
    private final RateLimitedLog addressLog = new RateLimitedLog(LOG);

    /**
     * @param maxPendingPerAddress not yet authenticated connections per source address; 0 for no limit
     */
    AcceptGuard(int maxPendingPerAddress, Duration handshakeTimeout, ScheduledExecutorService timer,
            ServerMetrics metrics) {
        this.maxPendingPerAddress = maxPendingPerAddress;
        this.deadlines = new ConnectionDeadlines(handshakeTimeout, timer);
        this.metrics = metrics;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        Pending pending = new Pending(addressOf(connection));
        PENDING.set(connection, pending);
        connection.addCloseListener((closeable, type) -> pending.authenticated());
        if (pending.countedWith > maxPendingPerAddress) {
            addressLog.warn("{0} has {1} connections that have not authenticated yet; closing new ones at accept "
                    + "(--max-unauthenticated-per-address)", pending.address.getHostAddress(), maxPendingPerAddress);
            metrics.droppedBeforeUpgrade(TransportRefusal.MAX_UNAUTHENTICATED_PER_ADDRESS);
            connection.terminateSilently();
            return ctx.getStopAction();
        }
        ConnectionDeadlines.Deadline deadline = deadlines.start(() -> {
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
}
