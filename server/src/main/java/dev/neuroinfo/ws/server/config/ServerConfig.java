package dev.neuroinfo.ws.server.config;

import dev.neuroinfo.ws.protocol.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything an operator can set. Defaults are the API's documented limits on 127.0.0.1:8080/8081.
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
 * @param faults               deliberate protocol violations, for proving the conformance suite only
 * @param redisUri             {@code redis://HOST:PORT} of the Redis that nodes of a cluster share, or null to
 *                             run alone with tokens on disk and everything else in memory
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
        Set<Fault> faults,
        String redisUri) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
    }

    /** A configuration of a node that runs alone (no Redis). */
    public ServerConfig(String host, int httpPort, int webSocketPort, String publicWebSocketUrl, Path dataDir,
            boolean inbandAuth, int maxConnectionsPerUser, Duration ticketTtl, int ticketRequestsPerMinute,
            Duration streamUpdateInterval, Duration pingInterval, Duration idleTimeout, int maxMessageBytes,
            int outboundQueueLimit, Duration inbandAuthTimeout, Set<Fault> faults) {
        this(host, httpPort, webSocketPort, publicWebSocketUrl, dataDir, inbandAuth, maxConnectionsPerUser, ticketTtl,
                ticketRequestsPerMinute, streamUpdateInterval, pingInterval, idleTimeout, maxMessageBytes,
                outboundQueueLimit, inbandAuthTimeout, faults, null);
    }

    /** The defaults: the API's documented limits, 127.0.0.1:8080/8081, data in {@code ./data}. */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, 8081, null, Path.of("data"), false,
                Limits.MAX_CONNECTIONS_PER_USER, Limits.TICKET_TTL, Limits.TICKET_REQUESTS_PER_MINUTE,
                Limits.STREAM_UPDATE_INTERVAL, Limits.PING_INTERVAL, Limits.IDLE_TIMEOUT,
                Limits.MAX_CLIENT_MESSAGE_BYTES, 1024, Limits.INBAND_AUTH_TIMEOUT, Set.of());
    }

    /** The WebSocket URL clients are told to use. */
    public String webSocketUrl() {
        return publicWebSocketUrl != null ? publicWebSocketUrl
                : "ws://" + host + ":" + webSocketPort + "/api/ws";
    }

    /** Whether a deliberate fault is switched on. */
    public boolean has(Fault fault) {
        return faults.contains(fault);
    }

    public ServerConfig withPorts(int http, int webSocket) {
        return new ServerConfig(host, http, webSocket, publicWebSocketUrl, dataDir, inbandAuth, maxConnectionsPerUser,
                ticketTtl, ticketRequestsPerMinute, streamUpdateInterval, pingInterval, idleTimeout, maxMessageBytes,
                outboundQueueLimit, inbandAuthTimeout, faults, redisUri);
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(host, httpPort, webSocketPort, publicWebSocketUrl, dir, inbandAuth,
                maxConnectionsPerUser, ticketTtl, ticketRequestsPerMinute, streamUpdateInterval, pingInterval,
                idleTimeout, maxMessageBytes, outboundQueueLimit, inbandAuthTimeout, faults, redisUri);
    }

    public ServerConfig withInbandAuth(boolean on) {
        return new ServerConfig(host, httpPort, webSocketPort, publicWebSocketUrl, dataDir, on, maxConnectionsPerUser,
                ticketTtl, ticketRequestsPerMinute, streamUpdateInterval, pingInterval, idleTimeout, maxMessageBytes,
                outboundQueueLimit, inbandAuthTimeout, faults, redisUri);
    }

    public ServerConfig withKeepalive(Duration ping, Duration idle) {
        return new ServerConfig(host, httpPort, webSocketPort, publicWebSocketUrl, dataDir, inbandAuth,
                maxConnectionsPerUser, ticketTtl, ticketRequestsPerMinute, streamUpdateInterval, ping, idle,
                maxMessageBytes, outboundQueueLimit, inbandAuthTimeout, faults, redisUri);
    }

    public ServerConfig withTicketTtl(Duration ttl) {
        return new ServerConfig(host, httpPort, webSocketPort, publicWebSocketUrl, dataDir, inbandAuth,
                maxConnectionsPerUser, ttl, ticketRequestsPerMinute, streamUpdateInterval, pingInterval, idleTimeout,
                maxMessageBytes, outboundQueueLimit, inbandAuthTimeout, faults, redisUri);
    }

    public ServerConfig withOutboundQueueLimit(int limit) {
        return new ServerConfig(host, httpPort, webSocketPort, publicWebSocketUrl, dataDir, inbandAuth,
                maxConnectionsPerUser, ticketTtl, ticketRequestsPerMinute, streamUpdateInterval, pingInterval,
                idleTimeout, maxMessageBytes, limit, inbandAuthTimeout, faults, redisUri);
    }

    public ServerConfig withInbandAuthTimeout(Duration timeout) {
        return new ServerConfig(host, httpPort, webSocketPort, publicWebSocketUrl, dataDir, inbandAuth,
                maxConnectionsPerUser, ticketTtl, ticketRequestsPerMinute, streamUpdateInterval, pingInterval,
                idleTimeout, maxMessageBytes, outboundQueueLimit, timeout, faults, redisUri);
    }

    public ServerConfig withPublicWebSocketUrl(String url) {
        return new ServerConfig(host, httpPort, webSocketPort, url, dataDir, inbandAuth, maxConnectionsPerUser,
                ticketTtl, ticketRequestsPerMinute, streamUpdateInterval, pingInterval, idleTimeout, maxMessageBytes,
                outboundQueueLimit, inbandAuthTimeout, faults, redisUri);
    }

    public ServerConfig withFaults(Set<Fault> set) {
        return new ServerConfig(host, httpPort, webSocketPort, publicWebSocketUrl, dataDir, inbandAuth,
                maxConnectionsPerUser, ticketTtl, ticketRequestsPerMinute, streamUpdateInterval, pingInterval,
                idleTimeout, maxMessageBytes, outboundQueueLimit, inbandAuthTimeout, set, redisUri);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, httpPort, webSocketPort, publicWebSocketUrl, dataDir, inbandAuth,
                maxConnectionsPerUser, ticketTtl, ticketRequestsPerMinute, streamUpdateInterval, pingInterval,
                idleTimeout, maxMessageBytes, outboundQueueLimit, inbandAuthTimeout, faults, redisUri);
    }

    /** This configuration joined to a cluster through the Redis at {@code uri} (null: run alone). */
    public ServerConfig withRedis(String uri) {
        return new ServerConfig(host, httpPort, webSocketPort, publicWebSocketUrl, dataDir, inbandAuth,
                maxConnectionsPerUser, ticketTtl, ticketRequestsPerMinute, streamUpdateInterval, pingInterval,
                idleTimeout, maxMessageBytes, outboundQueueLimit, inbandAuthTimeout, faults, uri);
    }

    /** Whether this node shares its state with other nodes through Redis. */
    public boolean clustered() {
        return redisUri != null;
    }
}
