package dev.neuroinfo.ws.server.cli;

import dev.neuroinfo.ws.server.config.RedisUris;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import dev.neuroinfo.ws.server.logging.LogSettings;
import dev.neuroinfo.ws.server.net.TrustedProxies;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the embedded server until SIGTERM or Ctrl-C. Every option has a {@code NEUROINFO_*}
 * environment variable.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the server: HTTP API on PORT, WebSocket on PORT+1.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "${env:NEUROINFO_HOST:-127.0.0.1}",
            description = "Interface to bind (env NEUROINFO_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:NEUROINFO_PORT:-8080}",
            description = "HTTP API port; the WebSocket listens on PORT+1 (env NEUROINFO_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--public-ws-url", defaultValue = "${env:NEUROINFO_PUBLIC_WS_URL}",
            description = "WebSocket URL clients use, for the ticket's usage text, e.g. wss://example.org/api/ws "
                    + "(env NEUROINFO_PUBLIC_WS_URL; default ws://HOST:PORT+1/api/ws).")
    String publicWsUrl;

    @Option(names = "--data-dir", defaultValue = "${env:NEUROINFO_DATA_DIR:-data}",
            description = "Where tokens persist (env NEUROINFO_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--inband-auth", defaultValue = "${env:NEUROINFO_INBAND_AUTH:-false}",
            description = "Accept handshakes without credentials that authenticate with an auth message "
                    + "(env NEUROINFO_INBAND_AUTH).")
    boolean inbandAuth;

    @Option(names = "--max-connections", defaultValue = "${env:NEUROINFO_MAX_CONNECTIONS:-5}",
            description = "Open connections per user (env NEUROINFO_MAX_CONNECTIONS, default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-timeout", defaultValue = "${env:NEUROINFO_IDLE_TIMEOUT:-60}",
            description = "Seconds without any frame before a connection is closed (env NEUROINFO_IDLE_TIMEOUT, "
                    + "default ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(names = "--ping-interval", defaultValue = "${env:NEUROINFO_PING_INTERVAL:-25}",
            description = "Seconds between keepalive pings (env NEUROINFO_PING_INTERVAL, default ${DEFAULT-VALUE}).")
    int pingSeconds;

    @Option(names = "--queue-limit", defaultValue = "${env:NEUROINFO_QUEUE_LIMIT:-1024}",
            description = "Outbound messages queued per connection before it is closed as a slow consumer "
                    + "(env NEUROINFO_QUEUE_LIMIT, default ${DEFAULT-VALUE}).")
    int queueLimit;

    @Option(names = "--message-burst", defaultValue = "${env:NEUROINFO_MESSAGE_BURST:-100}",
            description = "Client messages one connection may send at once before --message-rate applies; a "
                    + "connection over the rate is closed with 1008 (env NEUROINFO_MESSAGE_BURST, default "
                    + "${DEFAULT-VALUE}).")
    int messageBurst;

    @Option(names = "--message-rate", defaultValue = "${env:NEUROINFO_MESSAGE_RATE:-20}",
            description = "Client messages one connection may send per second once its burst is spent; pings are "
                    + "counted alike, apart from messages "
                    + "(env NEUROINFO_MESSAGE_RATE, default ${DEFAULT-VALUE}).")
    int messageRate;

    @Option(names = "--handshake-timeout", defaultValue = "${env:NEUROINFO_HANDSHAKE_TIMEOUT:-10}",
            description = "Seconds a TCP connection to the WebSocket port has to complete its upgrade before it is "
                    + "closed (env NEUROINFO_HANDSHAKE_TIMEOUT, default ${DEFAULT-VALUE}).")
    int handshakeTimeoutSeconds;

    @Option(names = "--max-total-connections", defaultValue = "${env:NEUROINFO_MAX_TOTAL_CONNECTIONS:-0}",
            description = "TCP connections the WebSocket port holds at once, in any state; more are closed at "
                    + "accept. 0: the process's descriptor limit less a tenth (at least 256) for the HTTP API and "
                    + "files (env NEUROINFO_MAX_TOTAL_CONNECTIONS, default ${DEFAULT-VALUE}).")
    int maxTotalConnections;

    @Option(names = "--max-unauthenticated-per-address",
            defaultValue = "${env:NEUROINFO_MAX_UNAUTHENTICATED_PER_ADDRESS:-0}",
            description = "Connections from one source address that have not authenticated yet (handshake or "
                    + "in-band auth pending); more are closed at accept. 0: no limit, for servers behind a "
                    + "reverse proxy (env NEUROINFO_MAX_UNAUTHENTICATED_PER_ADDRESS, default ${DEFAULT-VALUE}).")
    int maxUnauthenticatedPerAddress;
    @Option(names = "--max-request-body", defaultValue = "${env:NEUROINFO_MAX_REQUEST_BODY:-65536}",
            description = "Largest request body in bytes the HTTP API reads (admin API); larger ones are refused "
                    + "with 413 (env NEUROINFO_MAX_REQUEST_BODY, default ${DEFAULT-VALUE}).")
    int maxRequestBody;

    @Option(names = "--redis", defaultValue = "${env:NEUROINFO_REDIS}", paramLabel = "redis://HOST:PORT",
            description = "Run as one node of a cluster whose nodes share tokens, tickets, connection limits and "
                    + "events through this Redis (env NEUROINFO_REDIS; default: run alone).")
    String redis;

    @Option(names = "--trusted-proxies", defaultValue = "${env:NEUROINFO_TRUSTED_PROXIES}", paramLabel = "ADDRESSES",
            description = "Comma-separated IP addresses and CIDR ranges of reverse proxies whose Forwarded and "
                    + "X-Forwarded-For headers name the client in logs (env NEUROINFO_TRUSTED_PROXIES; default none).")
    String trustedProxies;

    @Option(names = "--log-format", defaultValue = "${env:NEUROINFO_LOG_FORMAT:-text}",
            description = "text or json: one JSON object per log line (env NEUROINFO_LOG_FORMAT, default ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(names = "--log-connections", defaultValue = "${env:NEUROINFO_LOG_CONNECTIONS:-false}",
            description = "Log one line per refused handshake and per closed connection: user, client address, reason "
                    + "(env NEUROINFO_LOG_CONNECTIONS).")
    boolean logConnections;

    @Option(names = "--recovery", defaultValue = "${env:NEUROINFO_RECOVERY:-false}",
            description = "Give events ids and keep the latest event of each type and a bounded history, served "
                    + "under /api/events/ (the recovery extension; env NEUROINFO_RECOVERY).")
    boolean recovery;

    @Option(names = "--history-size", defaultValue = "${env:NEUROINFO_HISTORY_SIZE:-1000}",
            description = "With --recovery: the most events the history keeps (env NEUROINFO_HISTORY_SIZE, "
                    + "default ${DEFAULT-VALUE}).")
    int historySize;

    @Option(names = "--history-age", defaultValue = "${env:NEUROINFO_HISTORY_AGE:-86400}",
            description = "With --recovery: seconds the history keeps an event (env NEUROINFO_HISTORY_AGE, "
                    + "default ${DEFAULT-VALUE}).")
    int historyAgeSeconds;

    @Option(names = "--demo", defaultValue = "${env:NEUROINFO_DEMO:-false}",
            description = "Also publish realistic sample events every few seconds (env NEUROINFO_DEMO).")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (port < 1 || port > 65534) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--port must be 1..65534 (the WebSocket needs PORT+1), was " + port);
        }
        if (maxConnections < 1 || idleTimeoutSeconds < 1 || pingSeconds < 1 || queueLimit < 1 || maxRequestBody < 1
                || historySize < 1 || historyAgeSeconds < 1 || messageBurst < 1 || messageRate < 1
                || handshakeTimeoutSeconds < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-connections, --idle-timeout, "
                    + "--ping-interval, --queue-limit, --max-request-body, --history-size, --history-age, "
                    + "--message-burst, --message-rate and --handshake-timeout must be positive");
        }
        if (maxTotalConnections < 0 || maxUnauthenticatedPerAddress < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-total-connections and --max-unauthenticated-per-address must be 0 or more");
        }
        ServerConfig config;
        try {
            LogSettings.apply(logFormat, logConnections);
            config = config();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        EmbeddedServer server;
        try {
            server = EmbeddedServer.start(config);
        } catch (IOException e) {
            // the message says what is wrong and what to do (data directory in use, port taken, Redis away)
            spec.commandLine().getErr().println("Error: " + e.getMessage());
            return Cli.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DemoPublisher demoPublisher = demo ? new DemoPublisher(server::publish) : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (demoPublisher != null) {
                demoPublisher.close();
            }
            server.close();
            stopped.countDown();
        }, "neuroinfo-shutdown"));
        new StartBanner(server, config).print(out);
        out.flush();
        stopped.await();
        return 0;
    }

    /** The configuration the options describe; an unusable value throws naming its option. */
    private ServerConfig config() {
        return ServerConfig.builder()
                .host(host)
                .ports(port, port + 1)
                .publicWebSocketUrl(publicWsUrl)
                .dataDir(dataDir)
                .inbandAuth(inbandAuth)
                .maxConnectionsPerUser(maxConnections)
                .pingInterval(Duration.ofSeconds(pingSeconds))
                .idleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .outboundQueueLimit(queueLimit)
                .inboundRate(messageBurst, messageRate)
                .handshakeTimeout(Duration.ofSeconds(handshakeTimeoutSeconds))
                .maxTotalConnections(maxTotalConnections)
                .maxUnauthenticatedPerAddress(maxUnauthenticatedPerAddress)
                .maxRequestBodyBytes(maxRequestBody)
                .redisUri(redisUri())
                .trustedProxies(trustedProxies())
                .recovery(new RecoverySettings(recovery, historySize, Duration.ofSeconds(historyAgeSeconds)))
                .build();
    }

    private TrustedProxies trustedProxies() {
        try {
            return TrustedProxies.parse(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--trusted-proxies: " + e.getMessage(), e);
        }
    }

    /** The --redis value, checked for its scheme; null when blank (run alone). */
    private String redisUri() {
        if (redis == null || redis.isBlank()) {
            return null;
        }
        try {
            return RedisUris.require("--redis", redis);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
