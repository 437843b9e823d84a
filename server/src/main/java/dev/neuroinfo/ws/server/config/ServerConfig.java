package dev.neuroinfo.ws.server.config;

import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.server.net.TrustedProxies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an operator can set. Defaults are the API's documented limits on 127.0.0.1:8080/8081.
 * There is one way to make one: {@link #builder()}, or {@link #toBuilder()} for a configuration that
 * differs from another in a few settings. An operator's flags, environment variables and context
 * parameters reach the builder through {@link SettingsReader}.
 *
 * @param host                 interface to bind
 * @param httpPort             HTTP API port (0: pick a free pair of ports)
 * @param webSocketPort        WebSocket port; by the API's convention {@code httpPort + 1}
 * @param publicWebSocketUrl   the WebSocket URL clients use (for the ticket's usage text), or null to derive
 * @param dataDir              where tokens persist
 * @param inbandAuth           accept credential-less handshakes that authenticate with an auth message
 * @param maxConnectionsPerUser per-user limit of open connections
 * @param ticketTtl            ticket validity
 * @param ticketRequestsPerMinute ticket endpoint rate limit per token
 * @param streamUpdateInterval minimum spacing of streamUpdate broadcasts
 * @param pingInterval         keepalive ping period
 * @param idleTimeout          close a connection silent this long
 * @param maxMessageBytes      largest accepted client message
 * @param outboundQueueLimit   messages queued per connection before it counts as a slow consumer
 * @param inbandAuthTimeout    time allowed for in-band auth
 * @param inboundMessageBurst  client messages a connection may send at once (LIM-10)
 * @param inboundMessagesPerSecond client messages a connection may send per second once its burst is spent
 * @param handshakeTimeout     embedded server: time from TCP accept to a completed upgrade
 * @param requestTimeout       embedded server: time a request to the HTTP API port has to arrive whole, from
 *                             its connection's accept or, on a kept-alive connection, from its first byte
 * @param maxTotalConnections  embedded server: TCP connections on the WebSocket port, any state; 0 derives it
 *                             from the process's descriptor limit ({@link #effectiveMaxTotalConnections()})
 * @param maxApiConnections    embedded server: TCP connections on the HTTP API port, any state; 0 derives it
 *                             from the process's descriptor limit ({@link #effectiveMaxApiConnections()})
 * @param maxUnauthenticatedPerAddress embedded server: connections from one source address not yet
 *                             authenticated; 0 for no limit
 * @param maxRequestBodyBytes  largest request body the HTTP API reads; larger ones are refused with 413
 * @param redisUri             {@code redis://HOST:PORT} of the Redis that nodes of a cluster share, or null to
 *                             run alone with tokens on disk and everything else in memory
 * @param trustedProxies       reverse proxies whose forwarding headers name the client in logs
 * @param recovery             the recovery extension: event ids, latest state, history (REC)
 */
public record ServerConfig(
        String host,
        int httpPort,
        int webSocketPort,
        String publicWebSocketUrl,
        Path dataDir,
        boolean inbandAuth,
        int maxConnectionsPerUser,
        Duration ticketTtl,
        int ticketRequestsPerMinute,
        Duration streamUpdateInterval,
        Duration pingInterval,
        Duration idleTimeout,
        int maxMessageBytes,
        int outboundQueueLimit,
        Duration inbandAuthTimeout,
        int inboundMessageBurst,
        int inboundMessagesPerSecond,
        Duration handshakeTimeout,
        Duration requestTimeout,
        int maxTotalConnections,
        int maxApiConnections,
        int maxUnauthenticatedPerAddress,
        int maxRequestBodyBytes,
        String redisUri,
        TrustedProxies trustedProxies,
        RecoverySettings recovery) {

    /** Time from TCP accept to a completed upgrade on the embedded WebSocket port. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** Time a request to the embedded HTTP API port has to arrive whole, head and body. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (inboundMessageBurst < 1 || inboundMessagesPerSecond < 1) {
            throw new IllegalArgumentException("the inbound message burst and rate must be positive");
        }
        Objects.requireNonNull(recovery, "recovery");
        if (maxRequestBodyBytes < 1) {
            throw new IllegalArgumentException("maxRequestBodyBytes must be positive: " + maxRequestBodyBytes);
        }
    }

    /** The defaults: the API's documented limits, 127.0.0.1:8080/8081, data in {@code ./data}. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The WebSocket URL clients are told to use. */
    public String webSocketUrl() {
        return publicWebSocketUrl != null ? publicWebSocketUrl
                : "ws://" + host + ":" + webSocketPort + "/api/ws";
    }

    /**
     * The cap on TCP connections to the WebSocket port: as set, or the process's descriptor limit
     * less a reserve, so that the HTTP API, the data directory and Redis still get descriptors
     * when the WebSocket port is full.
     */
    public int effectiveMaxTotalConnections() {
        return maxTotalConnections > 0 ? maxTotalConnections : DescriptorLimit.connectionsBelowIt();
    }

    /**
     * The cap on TCP connections to the HTTP API port: as set, or half of the descriptors the
     * WebSocket port's derived cap leaves over, so that a flood of either port leaves the other,
     * the data directory and Redis their descriptors.
     */
    public int effectiveMaxApiConnections() {
        return maxApiConnections > 0 ? maxApiConnections : DescriptorLimit.apiConnectionsBelowIt();
    }

    /** Whether this node shares its state with others through Redis. */
    public boolean clustered() {
        return redisUri != null;
    }

    /** Builds a configuration; every setting starts at its default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int httpPort = 8080;
        private int webSocketPort = 8081;
        private String publicWebSocketUrl;
        private Path dataDir = Path.of("data");
        private boolean inbandAuth;
        private int maxConnectionsPerUser = Limits.MAX_CONNECTIONS_PER_USER;
        private Duration ticketTtl = Limits.TICKET_TTL;
        private int ticketRequestsPerMinute = Limits.TICKET_REQUESTS_PER_MINUTE;
        private Duration streamUpdateInterval = Limits.STREAM_UPDATE_INTERVAL;
        private Duration pingInterval = Limits.PING_INTERVAL;
        private Duration idleTimeout = Limits.IDLE_TIMEOUT;
        private int maxMessageBytes = Limits.MAX_CLIENT_MESSAGE_BYTES;
        private int outboundQueueLimit = 1024;
        private Duration inbandAuthTimeout = Limits.INBAND_AUTH_TIMEOUT;
        private int inboundMessageBurst = Limits.INBOUND_MESSAGE_BURST;
        private int inboundMessagesPerSecond = Limits.INBOUND_MESSAGES_PER_SECOND;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxTotalConnections;
        private int maxApiConnections;
        private int maxUnauthenticatedPerAddress;
        private int maxRequestBodyBytes = Limits.MAX_REQUEST_BODY_BYTES;
        private String redisUri;
        private TrustedProxies trustedProxies = TrustedProxies.none();
        private RecoverySettings recovery = RecoverySettings.OFF;

        private Builder() {
        }

        private Builder(ServerConfig c) {
            host = c.host;
            httpPort = c.httpPort;
            webSocketPort = c.webSocketPort;
            publicWebSocketUrl = c.publicWebSocketUrl;
            dataDir = c.dataDir;
            inbandAuth = c.inbandAuth;
            maxConnectionsPerUser = c.maxConnectionsPerUser;
            ticketTtl = c.ticketTtl;
            ticketRequestsPerMinute = c.ticketRequestsPerMinute;
            streamUpdateInterval = c.streamUpdateInterval;
            pingInterval = c.pingInterval;
            idleTimeout = c.idleTimeout;
            maxMessageBytes = c.maxMessageBytes;
            outboundQueueLimit = c.outboundQueueLimit;
            inbandAuthTimeout = c.inbandAuthTimeout;
            inboundMessageBurst = c.inboundMessageBurst;
            inboundMessagesPerSecond = c.inboundMessagesPerSecond;
            handshakeTimeout = c.handshakeTimeout;
            requestTimeout = c.requestTimeout;
            maxTotalConnections = c.maxTotalConnections;
            maxApiConnections = c.maxApiConnections;
            maxUnauthenticatedPerAddress = c.maxUnauthenticatedPerAddress;
            maxRequestBodyBytes = c.maxRequestBodyBytes;
            redisUri = c.redisUri;
            trustedProxies = c.trustedProxies;
            recovery = c.recovery;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        /** The HTTP and WebSocket ports; 0 and 0 pick a free consecutive pair at start. */
        public Builder ports(int http, int webSocket) {
            httpPort = http;
            webSocketPort = webSocket;
            return this;
        }

        public Builder publicWebSocketUrl(String value) {
            publicWebSocketUrl = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder inbandAuth(boolean value) {
            inbandAuth = value;
            return this;
        }

        public Builder maxConnectionsPerUser(int value) {
            maxConnectionsPerUser = value;
            return this;
        }

        public Builder ticketTtl(Duration value) {
            ticketTtl = value;
            return this;
        }

        public Builder ticketRequestsPerMinute(int value) {
            ticketRequestsPerMinute = value;
            return this;
        }

        public Builder streamUpdateInterval(Duration value) {
            streamUpdateInterval = value;
            return this;
        }

        public Builder maxMessageBytes(int value) {
            maxMessageBytes = value;
            return this;
        }

        public Builder pingInterval(Duration value) {
            pingInterval = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder outboundQueueLimit(int value) {
            outboundQueueLimit = value;
            return this;
        }

        public Builder inbandAuthTimeout(Duration value) {
            inbandAuthTimeout = value;
            return this;
        }

        /** The inbound message rate of LIM-10: a burst, then a rate per second. */
        public Builder inboundRate(int burst, int perSecond) {
            inboundMessageBurst = burst;
            inboundMessagesPerSecond = perSecond;
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            handshakeTimeout = value;
            return this;
        }

        /** The time a request to the HTTP API port has to arrive whole, head and body. */
        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        /** The cap on TCP connections to the WebSocket port; 0 derives it from the descriptor limit. */
        public Builder maxTotalConnections(int value) {
            maxTotalConnections = value;
            return this;
        }

        /** The cap on TCP connections to the HTTP API port; 0 derives it from the descriptor limit. */
        public Builder maxApiConnections(int value) {
            maxApiConnections = value;
            return this;
        }

        /** The cap on not yet authenticated connections per source address; 0 for none. */
        public Builder maxUnauthenticatedPerAddress(int value) {
            maxUnauthenticatedPerAddress = value;
            return this;
        }

        public Builder maxRequestBodyBytes(int value) {
            maxRequestBodyBytes = value;
            return this;
        }

        public Builder redisUri(String value) {
            redisUri = value;
            return this;
        }

        public Builder trustedProxies(TrustedProxies value) {
            trustedProxies = value;
            return this;
        }

        public Builder recovery(RecoverySettings value) {
            recovery = value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(host, httpPort, webSocketPort, publicWebSocketUrl, dataDir, inbandAuth,
                    maxConnectionsPerUser, ticketTtl, ticketRequestsPerMinute, streamUpdateInterval, pingInterval,
                    idleTimeout, maxMessageBytes, outboundQueueLimit, inbandAuthTimeout, inboundMessageBurst,
                    inboundMessagesPerSecond, handshakeTimeout, requestTimeout, maxTotalConnections,
                    maxApiConnections, maxUnauthenticatedPerAddress, maxRequestBodyBytes, redisUri, trustedProxies,
                    recovery);
        }
    }
}
