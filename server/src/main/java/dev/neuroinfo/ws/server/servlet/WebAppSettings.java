package dev.neuroinfo.ws.server.servlet;

import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.recovery.RecoveryApi;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.config.RedisUris;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.net.TrustedProxies;
import jakarta.servlet.ServletContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The WAR's configuration. Each setting is a servlet context init-parameter or, failing that, the
 * environment variable of the same name, as the embedded server's command line reads it. The
 * context parameter wins because it belongs to one deployment, while the environment is shared by
 * every application in the container.
 */
final class WebAppSettings {
    static final String DATA_DIR = "NEUROINFO_DATA_DIR";
    static final String PUBLIC_WS_URL = "NEUROINFO_PUBLIC_WS_URL";
    static final String INBAND_AUTH = "NEUROINFO_INBAND_AUTH";
    static final String MAX_CONNECTIONS = "NEUROINFO_MAX_CONNECTIONS";
    static final String PING_INTERVAL = "NEUROINFO_PING_INTERVAL";
    static final String IDLE_TIMEOUT = "NEUROINFO_IDLE_TIMEOUT";
    static final String QUEUE_LIMIT = "NEUROINFO_QUEUE_LIMIT";
    static final String REDIS = "NEUROINFO_REDIS";
    static final String MESSAGE_BURST = "NEUROINFO_MESSAGE_BURST";
    static final String MESSAGE_RATE = "NEUROINFO_MESSAGE_RATE";
    static final String MAX_REQUEST_BODY = "NEUROINFO_MAX_REQUEST_BODY";
    static final String TRUSTED_PROXIES = "NEUROINFO_TRUSTED_PROXIES";
    static final String RECOVERY = "NEUROINFO_RECOVERY";
    static final String HISTORY_SIZE = "NEUROINFO_HISTORY_SIZE";
    static final String HISTORY_AGE = "NEUROINFO_HISTORY_AGE";

    private final Function<String, String> lookup;
    private final String contextPath;

    WebAppSettings(Function<String, String> lookup, String contextPath) {
        this.lookup = lookup;
        this.contextPath = contextPath;
    }

    /** Settings from a servlet context's init-parameters and the process environment. */
    static WebAppSettings of(ServletContext servletContext) {
        Map<String, String> environment = System.getenv();
        return new WebAppSettings(name -> {
            String value = servletContext.getInitParameter(name);
            return value != null && !value.isBlank() ? value.trim() : blankToNull(environment.get(name));
        }, servletContext.getContextPath());
    }

    /** Whether the operator set the public WebSocket URL. */
    boolean hasPublicWebSocketUrl() {
        return lookup.apply(PUBLIC_WS_URL) != null;
    }

    /**
     * The server configuration. Host and ports are the container's business and unused here.
     *
     * @throws IllegalArgumentException naming the setting when a value cannot be used
     */
    ServerConfig toConfig() {
        String publicUrl = lookup.apply(PUBLIC_WS_URL);
        if (publicUrl == null) {
            // a guess at the usual container port; the operator is warned to set the real URL
            publicUrl = "ws://localhost:8080" + contextPath + "/api/ws";
        }
        return ServerConfig.builder()
                .publicWebSocketUrl(publicUrl)
                .dataDir(dataDir())
                .inbandAuth(bool(INBAND_AUTH))
                .maxConnectionsPerUser(positive(MAX_CONNECTIONS, Limits.MAX_CONNECTIONS_PER_USER))
                .pingInterval(Duration.ofSeconds(positive(PING_INTERVAL, (int) Limits.PING_INTERVAL.toSeconds())))
                .idleTimeout(Duration.ofSeconds(positive(IDLE_TIMEOUT, (int) Limits.IDLE_TIMEOUT.toSeconds())))
                .outboundQueueLimit(positive(QUEUE_LIMIT, ServerConfig.defaults().outboundQueueLimit()))
                .inboundRate(positive(MESSAGE_BURST, Limits.INBOUND_MESSAGE_BURST),
                        positive(MESSAGE_RATE, Limits.INBOUND_MESSAGES_PER_SECOND))
                .maxRequestBodyBytes(positive(MAX_REQUEST_BODY, Limits.MAX_REQUEST_BODY_BYTES))
                .redisUri(redisUri())
                .trustedProxies(trustedProxies())
                .recovery(recovery())
                .build();
    }

    /** The recovery extension, as the command line's {@code --recovery}, {@code --history-size} and {@code --history-age}. */
    private RecoverySettings recovery() {
        return new RecoverySettings(bool(RECOVERY), positive(HISTORY_SIZE, RecoveryApi.DEFAULT_HISTORY_SIZE),
                Duration.ofSeconds(positive(HISTORY_AGE, (int) RecoveryApi.DEFAULT_HISTORY_AGE.toSeconds())));
    }

    /** The Redis a cluster of nodes shares, as the command line's {@code --redis}; null to run alone. */
    private String redisUri() {
        String value = lookup.apply(REDIS);
        return value == null ? null : RedisUris.require(REDIS, value);
    }

    /** The reverse proxies whose forwarding headers name the client in logs; nobody when unset. */
    private TrustedProxies trustedProxies() {
        try {
            return TrustedProxies.parse(lookup.apply(TRUSTED_PROXIES));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TRUSTED_PROXIES + ": " + e.getMessage(), e);
        }
    }

    /**
     * The data directory: as set, or {@code ~/.neuroinfo-ws/<context>} so that two deployments in
     * one container never share a token store by accident.
     */
    private Path dataDir() {
        String set = lookup.apply(DATA_DIR);
        if (set != null) {
            return Path.of(set);
        }
        String name = contextPath.isEmpty() ? "ROOT" : contextPath.substring(1).replace('/', '#');
        return Path.of(System.getProperty("user.home"), ".neuroinfo-ws", name);
    }

    private boolean bool(String name) {
        String value = lookup.apply(name);
        if (value == null) {
            return false;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
        }
    }

    private int positive(String name, int fallback) {
        String value = lookup.apply(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the setting's name
        }
        throw new IllegalArgumentException(name + " must be a positive integer, was '" + value + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
