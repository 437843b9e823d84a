package dev.neuroinfo.ws.server.config;

import dev.neuroinfo.ws.server.net.TrustedProxies;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns the settings an operator gave into a configuration. Every value is checked here as its
 * {@link Setting.Kind} says, so that the embedded launcher and the WAR accept the same values and
 * refuse the others with the same message, naming the setting as the operator spelled it.
 */
public final class SettingsReader {
    private final SettingSource source;

    private SettingsReader(SettingSource source) {
        this.source = source;
    }

    /**
     * A builder holding every setting the source gives; what it does not give keeps its default.
     *
     * @throws IllegalArgumentException naming the setting when a value cannot be used
     */
    public static ServerConfig.Builder read(SettingSource source) {
        return new SettingsReader(source).builder();
    }

    /** Whether the source gives a setting (a blank value gives nothing). */
    public static boolean given(SettingSource source, Setting setting) {
        SettingSource.Given given = source.get(setting);
        return given != null && !given.text().isBlank();
    }

    private ServerConfig.Builder builder() {
        ServerConfig defaults = ServerConfig.defaults();
        ServerConfig.Builder builder = ServerConfig.builder();
        ifGiven(Setting.HOST, builder::host);
        this.<Integer>ifGiven(Setting.PORT, port -> builder.ports(port, port + 1));
        ifGiven(Setting.PUBLIC_WS_URL, builder::publicWebSocketUrl);
        ifGiven(Setting.DATA_DIR, builder::dataDir);
        this.<Boolean>ifGiven(Setting.INBAND_AUTH, builder::inbandAuth);
        this.<Integer>ifGiven(Setting.MAX_CONNECTIONS, builder::maxConnectionsPerUser);
        ifGiven(Setting.IDLE_TIMEOUT, builder::idleTimeout);
        ifGiven(Setting.PING_INTERVAL, builder::pingInterval);
        this.<Integer>ifGiven(Setting.QUEUE_LIMIT, builder::outboundQueueLimit);
        builder.inboundRate(valueOr(Setting.MESSAGE_BURST, defaults.inboundMessageBurst()),
                valueOr(Setting.MESSAGE_RATE, defaults.inboundMessagesPerSecond()));
        ifGiven(Setting.HANDSHAKE_TIMEOUT, builder::handshakeTimeout);
        ifGiven(Setting.REQUEST_TIMEOUT, builder::requestTimeout);
        this.<Integer>ifGiven(Setting.MAX_TOTAL_CONNECTIONS, builder::maxTotalConnections);
        this.<Integer>ifGiven(Setting.MAX_API_CONNECTIONS, builder::maxApiConnections);
        this.<Integer>ifGiven(Setting.MAX_UNAUTHENTICATED_PER_ADDRESS, builder::maxUnauthenticatedPerAddress);
        this.<Integer>ifGiven(Setting.MAX_REQUEST_BODY, builder::maxRequestBodyBytes);
        ifGiven(Setting.REDIS, builder::redisUri);
        ifGiven(Setting.TRUSTED_PROXIES, builder::trustedProxies);
        RecoverySettings recovery = defaults.recovery();
        builder.recovery(new RecoverySettings(valueOr(Setting.RECOVERY, recovery.enabled()),
                valueOr(Setting.HISTORY_SIZE, recovery.historySize()),
                valueOr(Setting.HISTORY_AGE, recovery.historyAge())));
        return builder;
    }

    private <T> void ifGiven(Setting setting, Consumer<T> apply) {
        T value = value(setting);
        if (value != null) {
            apply.accept(value);
        }
    }

    private <T> T valueOr(Setting setting, T fallback) {
        T value = value(setting);
        return value != null ? value : fallback;
    }

    /** The given value checked and converted as the setting's kind says, or null when none is given. */
    @SuppressWarnings("unchecked")
    private <T> T value(Setting setting) {
        SettingSource.Given given = source.get(setting);
        if (given == null || given.text().isBlank()) {
            return null;
        }
        return (T) parse(setting.kind(), given.name(), given.text().trim());
    }

    /**
     * A value of a kind.
     *
     * @param name the setting as it was given, for the message
     * @throws IllegalArgumentException naming the setting and the value (never a Redis URI's, which may hold a password)
     */
    static Object parse(Setting.Kind kind, String name, String text) {
        switch (kind) {
            case TEXT:
                return text;
            case DIRECTORY:
                try {
                    return Path.of(text);
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException(name + " must be a path, was '" + text + "': " + e.getReason(), e);
                }
            case BOOLEAN:
                return bool(name, text);
            case POSITIVE:
                return integer(name, text, 1, Integer.MAX_VALUE, "a positive integer");
            case ZERO_OR_MORE:
                return integer(name, text, 0, Integer.MAX_VALUE, "0 or a positive integer");
            case SECONDS:
                return Duration.ofSeconds(integer(name, text, 1, Integer.MAX_VALUE, "a positive number of seconds"));
            case PORT:
                return integer(name, text, 1, 65534, "a port from 1 to 65534 (the WebSocket needs PORT+1)");
            case REDIS_URI:
                return RedisUris.require(name, text);
            case ADDRESSES:
                try {
                    return TrustedProxies.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
                }
            default:
                throw new IllegalStateException("no parser for " + kind);
        }
    }

    private static boolean bool(String name, String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException(name + " must be true or false, was '" + text + "'");
        }
    }

    private static int integer(String name, String text, int min, int max, String what) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the setting's name
        }
        throw new IllegalArgumentException(name + " must be " + what + ", was '" + text + "'");
    }
}
