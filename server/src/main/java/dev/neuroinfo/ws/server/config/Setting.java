package dev.neuroinfo.ws.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every server setting an operator gives from outside, each named once: the constant's name is
 * the setting's, spelled {@code --max-connections} as the embedded launcher's flag and
 * {@code NEUROINFO_MAX_CONNECTIONS} as environment variable and as the WAR's context parameter.
 * Each also says what values it takes ({@link Kind}), whether the WAR reads it, and what it means;
 * its default is the {@link ServerConfig.Builder}'s. {@link SettingsReader} turns given values into
 * a configuration, so the command line and the WAR cannot drift apart in names, defaults or checks.
 */
public enum Setting {
    HOST(Kind.TEXT, "HOST", false, "Interface to bind", ServerConfig::host),
    PORT(Kind.PORT, "PORT", false, "HTTP API port; the WebSocket listens on PORT+1", ServerConfig::httpPort),
    PUBLIC_WS_URL(Kind.TEXT, "URL", true, "WebSocket URL clients use, for the ticket's usage text, e.g. "
            + "wss://example.org/api/ws (default ws://HOST:PORT+1/api/ws)", config -> null),
    DATA_DIR(Kind.DIRECTORY, "DIR", true, "Where tokens persist", ServerConfig::dataDir),
    INBAND_AUTH(Kind.BOOLEAN, "true|false", true, "Accept handshakes without credentials that authenticate "
            + "with an auth message", ServerConfig::inbandAuth),
    MAX_CONNECTIONS(Kind.POSITIVE, "N", true, "Open connections per user", ServerConfig::maxConnectionsPerUser),
    IDLE_TIMEOUT(Kind.SECONDS, "SECONDS", true, "Seconds without any frame before a connection is closed",
            ServerConfig::idleTimeout),
    PING_INTERVAL(Kind.SECONDS, "SECONDS", true, "Seconds between keepalive pings", ServerConfig::pingInterval),
    QUEUE_LIMIT(Kind.POSITIVE, "N", true, "Outbound messages queued per connection before it is closed as a "
            + "slow consumer", ServerConfig::outboundQueueLimit),
    MESSAGE_BURST(Kind.POSITIVE, "N", true, "Client messages one connection may send at once before the message "
            + "rate applies; a connection over the rate is closed with 1008", ServerConfig::inboundMessageBurst),
    MESSAGE_RATE(Kind.POSITIVE, "N", true, "Client messages one connection may send per second once its burst is "
            + "spent; pings, and pongs with message fragments, are counted alike, apart from messages",
            ServerConfig::inboundMessagesPerSecond),
    HANDSHAKE_TIMEOUT(Kind.SECONDS, "SECONDS", false, "Seconds a TCP connection to the WebSocket port has to "
            + "complete its upgrade before it is closed", ServerConfig::handshakeTimeout),
    REQUEST_TIMEOUT(Kind.SECONDS, "SECONDS", false, "Seconds a request to the HTTP API port has to arrive whole, "
            + "head and body, from its connection's accept or, on a kept-alive connection, from its first byte; "
            + "a connection that misses it is closed without an answer", ServerConfig::requestTimeout),
    MAX_TOTAL_CONNECTIONS(Kind.ZERO_OR_MORE, "N", false, "TCP connections the WebSocket port holds at once, in "
            + "any state; more are closed at accept. 0: the process's descriptor limit less a tenth (at least "
            + "256) for the HTTP API and files", ServerConfig::maxTotalConnections),
    MAX_API_CONNECTIONS(Kind.ZERO_OR_MORE, "N", false, "TCP connections the HTTP API port holds at once, in "
            + "any state; more are closed at accept. 0: half of what the WebSocket port's cap leaves of the "
            + "descriptor limit", ServerConfig::maxApiConnections),
    MAX_UNAUTHENTICATED_PER_ADDRESS(Kind.ZERO_OR_MORE, "N", false, "Connections from one source address that "
            + "have not authenticated yet (handshake or in-band auth pending); more are closed at accept. 0: no "
            + "limit, for servers behind a reverse proxy", ServerConfig::maxUnauthenticatedPerAddress),
    MAX_REQUEST_BODY(Kind.POSITIVE, "BYTES", true, "Largest request body in bytes the HTTP API reads (admin API); "
            + "larger ones are refused with 413", ServerConfig::maxRequestBodyBytes),
    REDIS(Kind.REDIS_URI, "redis://HOST:PORT", true, "Run as one node of a cluster whose nodes share tokens, "
            + "tickets, connection limits and events through this Redis (default: run alone)", config -> null),
    TRUSTED_PROXIES(Kind.ADDRESSES, "ADDRESSES", true, "Comma-separated IP addresses and CIDR ranges of reverse "
            + "proxies whose Forwarded and X-Forwarded-For headers name the client in logs (default: none)",
            config -> null),
    RECOVERY(Kind.BOOLEAN, "true|false", true, "Give events ids and keep the latest event of each type and a "
            + "bounded history, served under /api/events/ (the recovery extension)",
            config -> config.recovery().enabled()),
    HISTORY_SIZE(Kind.POSITIVE, "N", true, "With the recovery extension: the most events the history keeps",
            config -> config.recovery().historySize()),
    HISTORY_AGE(Kind.SECONDS, "SECONDS", true, "With the recovery extension: seconds the history keeps an event",
            config -> config.recovery().historyAge());

    /** What values a setting takes; {@link SettingsReader} checks them. */
    public enum Kind {
        /** Any text. */
        TEXT,
        /** A file system path. */
        DIRECTORY,
        /** {@code true} or {@code false}, in any case. */
        BOOLEAN,
        /** An integer of at least 1. */
        POSITIVE,
        /** An integer of at least 0. */
        ZERO_OR_MORE,
        /** A positive number of seconds. */
        SECONDS,
        /** An HTTP port below 65535, so that the WebSocket port above it exists. */
        PORT,
        /** A {@code redis://} URI ({@link RedisUris}). */
        REDIS_URI,
        /** Comma-separated IP addresses and CIDR ranges ({@link dev.neuroinfo.ws.server.net.TrustedProxies}). */
        ADDRESSES
    }

    private final Kind kind;
    private final String label;
    private final boolean inWar;
    private final String description;
    private final Function<ServerConfig, Object> defaultOf;

    Setting(Kind kind, String label, boolean inWar, String description, Function<ServerConfig, Object> defaultOf) {
        this.kind = kind;
        this.label = label;
        this.inWar = inWar;
        this.description = description;
        this.defaultOf = defaultOf;
    }

    /** The embedded launcher's flag, e.g. {@code --max-connections}. */
    public String flag() {
        return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The environment variable, which is also the WAR's context parameter, e.g. {@code NEUROINFO_MAX_CONNECTIONS}. */
    public String variable() {
        return "NEUROINFO_" + name();
    }

    /** What values the setting takes. */
    public Kind kind() {
        return kind;
    }

    /** A placeholder for the value in help texts, e.g. {@code SECONDS}. */
    public String label() {
        return label;
    }

    /**
     * Whether the WAR reads it. Host and port are the servlet container's, and so are the limits
     * of the embedded server's own listeners (handshake and request timeouts, connection caps).
     */
    public boolean inWar() {
        return inWar;
    }

    /** What it does, one sentence for help texts. */
    public String description() {
        return description;
    }

    /**
     * The value that applies when none is given, as an operator writes it (seconds for durations),
     * or null when the absence itself means something the description says.
     */
    public String defaultText() {
        Object value = defaultOf.apply(ServerConfig.defaults());
        if (value == null) {
            return null;
        }
        return value instanceof Duration duration ? String.valueOf(duration.toSeconds()) : value.toString();
    }
}
