package dev.neuroinfo.ws.server.metrics;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.HandshakeError;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the server counts, in one Prometheus registry of its own (not the library's global
 * one, so that two servers in one JVM, or a redeployed WAR, never share or double-register
 * counters). The rest of the server calls only the methods here; docs/operations.md lists the
 * metrics and what they mean.
 *
 * <p>Cheap by construction: the delivery path records once per broadcast ({@link #delivered},
 * {@link #fanOut}), never per frame, and gauges of connections and subscriptions are counted only
 * when a scrape asks ({@link #watch}), and no metric samples exemplars (there are no traces to
 * link them to). Labels are bounded: event type, outcome, close code and
 * the server's own close reasons, never a user, token, ticket or address.
 */
public final class ServerMetrics {
    /** Latency buckets, seconds: from a tenth of a millisecond to the point where clients notice. */
    private static final double[] LATENCY_BUCKETS =
            {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
    private static final double NANOS_PER_SECOND = 1e9;
    private static final int MAX_REASON_LABEL = 40;
    private static final int MAX_RFC_CLOSE_CODE = 1015;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter handshakes;
    private final Counter closed;
    private final Counter inband;
    private final Map<TransportRefusal, CounterDataPoint> transportRefusals = new EnumMap<>(TransportRefusal.class);
    private final CounterDataPoint upgraded;
    private final CounterDataPoint ticketsIssued;
    private final CounterDataPoint ticketsRedeemed;
    private final CounterDataPoint ticketsExpired;
    private final CounterDataPoint ticketsRateLimited;
    private final Map<EventType, CounterDataPoint> published = new EnumMap<>(EventType.class);
    private final Map<EventType, CounterDataPoint> deliveries = new EnumMap<>(EventType.class);
    private final CounterDataPoint replies;
    private final CounterDataPoint sentBytes;
    private final Histogram deliveryLatency;
    private final Histogram fanOutDuration;
    private final Counter redisErrors;
    private final Histogram redisLatency;

    /** A registry with every server metric at zero and the JVM's own metrics. */
    public ServerMetrics() {
        handshakes = Counter.builder().withoutExemplars().name("neuroinfo_handshakes_total")
                .help("WebSocket handshakes on /api/ws by outcome: upgraded (101) or the refusal's reason")
                .labelNames("outcome", "status").register(registry);
        upgraded = handshakes.labelValues("upgraded", "101");
        for (HandshakeError error : HandshakeError.values()) {
            handshakes.labelValues(label(error), Integer.toString(error.status()));
        }
        Counter tickets = Counter.builder().withoutExemplars().name("neuroinfo_tickets_total")
                .help("Tickets by what happened to them: issued, redeemed, expired unredeemed, refused by the rate limit")
                .labelNames("outcome").register(registry);
        ticketsIssued = tickets.labelValues("issued");
        ticketsRedeemed = tickets.labelValues("redeemed");
        ticketsExpired = tickets.labelValues("expired");
        ticketsRateLimited = tickets.labelValues("rate_limited");
        Counter events = Counter.builder().withoutExemplars().name("neuroinfo_events_published_total")
                .help("Events accepted by this node's admin API, by type").labelNames("event_type").register(registry);
        Counter delivered = Counter.builder().withoutExemplars().name("neuroinfo_event_deliveries_total")
                .help("Event frames handed to a connection's socket (written or queued), by type")
                .labelNames("event_type").register(registry);
        for (EventType type : EventType.values()) {
            published.put(type, events.labelValues(type.wireName()));
            deliveries.put(type, delivered.labelValues(type.wireName()));
        }
        replies = Counter.builder().withoutExemplars().name("neuroinfo_reply_frames_total")
                .help("Frames answering a client (welcome, subscription replies, invalid) handed to its socket")
                .register(registry).labelValues();
        sentBytes = Counter.builder().withoutExemplars().name("neuroinfo_sent_bytes_total")
                .help("Bytes of text frames handed to sockets, events and replies, frame headers included")
                .register(registry).labelValues();
        deliveryLatency = Histogram.builder().withoutExemplars().name("neuroinfo_delivery_latency_seconds")
                .help("From an event reaching this node's broadcaster to its last subscriber's socket having it")
                .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        fanOutDuration = Histogram.builder().withoutExemplars().name("neuroinfo_fanout_duration_seconds")
                .help("Time to hand one event to every subscriber of this node")
                .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        closed = Counter.builder().withoutExemplars().name("neuroinfo_connections_closed_total")
                .help("Closed WebSocket connections by close code and reason (the server's reason, or client)")
                .labelNames("code", "reason").register(registry);
        inband = Counter.builder().withoutExemplars().name("neuroinfo_inband_auth_total")
                .help("In-band auth attempts by outcome").labelNames("outcome").register(registry);
        for (InbandOutcome outcome : InbandOutcome.values()) {
            inband.labelValues(outcome.label());
        }
        Counter refused = Counter.builder().withoutExemplars()
                .name("neuroinfo_connections_dropped_before_upgrade_total")
                .help("TCP connections the embedded server dropped before their upgrade (on the HTTP API port: at accept), by reason")
                .labelNames("reason").register(registry);
        for (TransportRefusal refusal : TransportRefusal.values()) {
            transportRefusals.put(refusal, refused.labelValues(refusal.label()));
        }
        redisErrors = Counter.builder().withoutExemplars().name("neuroinfo_redis_command_errors_total")
                .help("Redis commands that failed or timed out, by command (cluster mode)")
                .labelNames("command").register(registry);
        redisLatency = Histogram.builder().withoutExemplars().name("neuroinfo_redis_command_duration_seconds")
                .help("Redis command round trips that succeeded, by command (cluster mode)")
                .labelNames("command").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        registerJvmMetrics();
    }

    /**
     * The JVM's metrics, less allocation by memory pool: that one listens to GC notifications
     * through a listener nobody can remove, which would pin an undeployed WAR's classes.
     */
    private void registerJvmMetrics() {
        JvmThreadsMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    /** The registry, for exposition. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Counts this node's connections and subscriptions at every scrape. Call once. */
    public void watch(ConnectionCensus census) {
        Objects.requireNonNull(census, "census");
        GaugeWithCallback.builder().name("neuroinfo_connections")
                .help("Open WebSocket connections of this node, by how they authenticated")
                .labelNames("auth")
                .callback(callback -> {
                    Map<AuthMethod, Long> open = census.openConnectionsByMethod();
                    for (AuthMethod method : AuthMethod.values()) {
                        callback.call(open.getOrDefault(method, 0L), method.label());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("neuroinfo_subscriptions")
                .help("Subscriptions held by this node's connections, by event type")
                .labelNames("event_type")
                .callback(callback -> {
                    for (EventType type : EventType.values()) {
                        callback.call(census.subscribers(type), type.wireName());
                    }
                }).register(registry);
    }

    /** A handshake the server refused. */
    public void handshakeRefused(HandshakeError error) {
        handshakes.labelValues(label(error), Integer.toString(error.status())).inc();
    }

    /** A TCP connection the embedded server dropped before its upgrade, or at accept on the HTTP API port. */
    public void droppedBeforeUpgrade(TransportRefusal refusal) {
        transportRefusals.get(refusal).inc();
    }

    /** A handshake that became an open connection (101). */
    public void handshakeUpgraded() {
        upgraded.inc();
    }

    /**
     * A connection ended.
     *
     * @param code         the close code it ended with
     * @param serverReason the reason the server closed it with, or null when the client or the
     *                     network ended it; always one of the server's own fixed texts
     */
    public void connectionClosed(int code, String serverReason) {
        closed.labelValues(codeLabel(code), serverReason == null ? "client" : reasonLabel(serverReason)).inc();
    }

    public void ticketIssued() {
        ticketsIssued.inc();
    }

    public void ticketRedeemed() {
        ticketsRedeemed.inc();
    }

    /** Tickets found expired without having been redeemed. */
    public void ticketsExpired(int count) {
        ticketsExpired.inc(count);
    }

    /** A ticket request refused by the per-token rate limit (RL4). */
    public void ticketRateLimited() {
        ticketsRateLimited.inc();
    }

    /** An in-band {@code auth} attempt's outcome. */
    public void inbandAuth(InbandOutcome outcome) {
        inband.labelValues(outcome.label()).inc();
    }

    /** An event accepted by this node's admin API. */
    public void published(EventType type) {
        published.get(type).inc();
    }

    /**
     * One broadcast's hand-over to this node's subscribers.
     *
     * @param frames how many connections took the frame
     * @param bytes  the frame's size on the wire
     */
    public void delivered(EventType type, int frames, int bytes) {
        if (frames > 0) {
            deliveries.get(type).inc(frames);
            sentBytes.inc((long) frames * bytes);
        }
    }

    /** A reply frame of {@code bytes} on the wire handed to one connection. */
    public void replySent(int bytes) {
        replies.inc();
        sentBytes.inc(bytes);
    }

    /**
     * One broadcast's timing, on {@link System#nanoTime()}.
     *
     * @param acceptedNanos when the event reached the broadcaster
     * @param startNanos    when its fan-out began
     * @param endNanos      when the last subscriber had it
     */
    public void fanOut(long acceptedNanos, long startNanos, long endNanos) {
        deliveryLatency.observe((endNanos - acceptedNanos) / NANOS_PER_SECOND);
        fanOutDuration.observe((endNanos - startNanos) / NANOS_PER_SECOND);
    }

    /** A Redis command that succeeded after {@code nanos}. */
    public void redisCommand(String command, long nanos) {
        redisLatency.labelValues(command).observe(nanos / NANOS_PER_SECOND);
    }

    /** A Redis command that failed or timed out. */
    public void redisCommandFailed(String command) {
        redisErrors.labelValues(command).inc();
    }

    private static String label(HandshakeError error) {
        return error.name().toLowerCase(Locale.ROOT);
    }

    /** The RFC's codes as themselves; any other code a client may choose as one value. */
    private static String codeLabel(int code) {
        return code >= 1000 && code <= MAX_RFC_CLOSE_CODE ? Integer.toString(code) : "other";
    }

    /** "Slow consumer" becomes {@code slow_consumer}. */
    static String reasonLabel(String reason) {
        String slug = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return slug.isEmpty() ? "none" : slug.substring(0, Math.min(slug.length(), MAX_REASON_LABEL));
    }
}
