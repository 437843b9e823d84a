package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.config.Setting;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import dev.neuroinfo.ws.server.metrics.TransportRefusal;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * The first filter of a listener: it holds at most a fixed number of TCP connections at once and
 * closes each one over the cap at accept, before a byte of it is read. Each port has its own, so
 * that a flood of one leaves the other, the data directory and Redis their descriptors (the
 * descriptor limit is the process's, shared by all of them).
 */
final class ConnectionCap extends BaseFilter {
    private static final System.Logger LOG = System.getLogger(ConnectionCap.class.getName());

    private final int max;
    private final String port;
    private final Setting setting;
    private final TransportRefusal refusal;
    private final ServerMetrics metrics;
    private final AtomicInteger open = new AtomicInteger();
    private final RateLimitedLog log = new RateLimitedLog(LOG);

    /**
     * @param max     connections held at once
     * @param port    the port's name for the log line, e.g. {@code "the WebSocket port"}
     * @param setting the setting that sets {@code max}, for the log line
     * @param refusal what the metrics count a refusal as
     */
    ConnectionCap(int max, String port, Setting setting, TransportRefusal refusal, ServerMetrics metrics) {
        this.max = max;
        this.port = port;
        this.setting = setting;
        this.refusal = refusal;
        this.metrics = metrics;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        int now = open.incrementAndGet();
        connection.addCloseListener((closeable, type) -> open.decrementAndGet());
        if (now > max) {
            log.warn("{0} holds its maximum of {1} connections; closing new ones at accept ({2})", port, max,
                    setting.flag());
            metrics.droppedBeforeUpgrade(refusal);
            connection.terminateSilently();
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
    }
}
