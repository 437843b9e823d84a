package dev.neuroinfo.ws.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsReaderTest {
    /** A source giving each setting under its variable's name. */
    private static SettingSource source(Map<Setting, String> values) {
        return setting -> values.containsKey(setting)
                ? new SettingSource.Given(setting.variable(), values.get(setting)) : null;
    }

    private static ServerConfig read(Setting setting, String value) {
        return SettingsReader.read(source(Map.of(setting, value))).build();
    }

    @Test
    void nothingGivenIsTheDefaults() {
        assertEquals(ServerConfig.defaults(), SettingsReader.read(setting -> null).build());
        assertEquals(ServerConfig.defaults(), SettingsReader.read(source(Map.of(Setting.MAX_CONNECTIONS, "  "))).build(),
                "a blank value gives nothing");
    }

    @Test
    void everySettingReachesTheConfiguration() {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        values.put(Setting.HOST, "0.0.0.0");
        values.put(Setting.PORT, "9000");
        values.put(Setting.PUBLIC_WS_URL, "wss://example.org/api/ws");
        values.put(Setting.DATA_DIR, "/var/lib/x");
        values.put(Setting.INBAND_AUTH, "TRUE");
        values.put(Setting.MAX_CONNECTIONS, "7");
        values.put(Setting.IDLE_TIMEOUT, "61");
        values.put(Setting.PING_INTERVAL, "26");
        values.put(Setting.QUEUE_LIMIT, "33");
        values.put(Setting.MESSAGE_BURST, "101");
        values.put(Setting.MESSAGE_RATE, "21");
        values.put(Setting.HANDSHAKE_TIMEOUT, "11");
        values.put(Setting.REQUEST_TIMEOUT, "12");
        values.put(Setting.MAX_TOTAL_CONNECTIONS, "500");
        values.put(Setting.MAX_API_CONNECTIONS, "40");
        values.put(Setting.MAX_UNAUTHENTICATED_PER_ADDRESS, "0");
        values.put(Setting.MAX_REQUEST_BODY, "1000");
        values.put(Setting.REDIS, "redis://127.0.0.1:6379");
        values.put(Setting.TRUSTED_PROXIES, " 10.0.0.0/8 ");
        values.put(Setting.RECOVERY, "true");
        values.put(Setting.HISTORY_SIZE, "5");
        values.put(Setting.HISTORY_AGE, "60");
        assertEquals(Setting.values().length, values.size(), "a value for every setting");
        ServerConfig config = SettingsReader.read(source(values)).build();
        assertEquals("0.0.0.0", config.host());
        assertEquals(9000, config.httpPort());
        assertEquals(9001, config.webSocketPort());
        assertEquals("wss://example.org/api/ws", config.publicWebSocketUrl());
        assertEquals(Path.of("/var/lib/x"), config.dataDir());
        assertTrue(config.inbandAuth());
        assertEquals(7, config.maxConnectionsPerUser());
        assertEquals(Duration.ofSeconds(61), config.idleTimeout());
        assertEquals(Duration.ofSeconds(26), config.pingInterval());
        assertEquals(33, config.outboundQueueLimit());
        assertEquals(101, config.inboundMessageBurst());
        assertEquals(21, config.inboundMessagesPerSecond());
        assertEquals(Duration.ofSeconds(11), config.handshakeTimeout());
        assertEquals(Duration.ofSeconds(12), config.requestTimeout());
        assertEquals(500, config.maxTotalConnections());
        assertEquals(40, config.maxApiConnections());
        assertEquals(0, config.maxUnauthenticatedPerAddress());
        assertEquals(1000, config.maxRequestBodyBytes());
        assertEquals("redis://127.0.0.1:6379", config.redisUri());
        assertTrue(config.trustedProxies().trusts("10.1.2.3"));
        assertEquals(new RecoverySettings(true, 5, Duration.ofSeconds(60)), config.recovery());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MAX_CONNECTIONS | 0 | NEUROINFO_MAX_CONNECTIONS must be a positive integer, was '0'",
            "QUEUE_LIMIT | many | NEUROINFO_QUEUE_LIMIT must be a positive integer, was 'many'",
            "MESSAGE_BURST | 2147483648 | NEUROINFO_MESSAGE_BURST must be a positive integer, was '2147483648'",
            "MESSAGE_RATE | -1 | NEUROINFO_MESSAGE_RATE must be a positive integer, was '-1'",
            "MAX_REQUEST_BODY | 1.5 | NEUROINFO_MAX_REQUEST_BODY must be a positive integer, was '1.5'",
            "HISTORY_SIZE | 0 | NEUROINFO_HISTORY_SIZE must be a positive integer, was '0'",
            "PING_INTERVAL | 0 | NEUROINFO_PING_INTERVAL must be a positive number of seconds, was '0'",
            "IDLE_TIMEOUT | 1m | NEUROINFO_IDLE_TIMEOUT must be a positive number of seconds, was '1m'",
            "HANDSHAKE_TIMEOUT | -5 | NEUROINFO_HANDSHAKE_TIMEOUT must be a positive number of seconds, was '-5'",
            "HISTORY_AGE | 0 | NEUROINFO_HISTORY_AGE must be a positive number of seconds, was '0'",
            "MAX_TOTAL_CONNECTIONS | -1 | NEUROINFO_MAX_TOTAL_CONNECTIONS must be 0 or a positive integer, was '-1'",
            "MAX_API_CONNECTIONS | ten | NEUROINFO_MAX_API_CONNECTIONS must be 0 or a positive integer, was 'ten'",
            "MAX_UNAUTHENTICATED_PER_ADDRESS | x | NEUROINFO_MAX_UNAUTHENTICATED_PER_ADDRESS must be 0 or a positive "
                    + "integer, was 'x'",
            "PORT | 0 | NEUROINFO_PORT must be a port from 1 to 65534 (the WebSocket needs PORT+1), was '0'",
            "PORT | 65535 | NEUROINFO_PORT must be a port from 1 to 65534 (the WebSocket needs PORT+1), was '65535'",
            "INBAND_AUTH | yes | NEUROINFO_INBAND_AUTH must be true or false, was 'yes'",
            "RECOVERY | 1 | NEUROINFO_RECOVERY must be true or false, was '1'",
            "TRUSTED_PROXIES | 10.0.0.0/33 | NEUROINFO_TRUSTED_PROXIES: not an IP address or CIDR range: '10.0.0.0/33'",
            "REDIS | http://cache:6379 | NEUROINFO_REDIS must be a redis://HOST:PORT URI"})
    void aMalformedValueIsRefusedNamingTheSetting(Setting setting, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(setting, value));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void aDirectoryThatCannotBeAPathIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(Setting.DATA_DIR, "a\0b"));
        assertTrue(e.getMessage().startsWith("NEUROINFO_DATA_DIR must be a path"), e.getMessage());
    }

    @Test
    void aRedisUriIsNeverEchoed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Setting.REDIS, "http://user:s3cret@cache:6379"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void theMessageNamesTheSettingAsItWasGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SettingsReader.read(
                setting -> setting == Setting.QUEUE_LIMIT ? new SettingSource.Given("--queue-limit", "0") : null));
        assertEquals("--queue-limit must be a positive integer, was '0'", e.getMessage());
    }

    @Test
    void eachSettingIsSpelledOnceAsFlagAndVariable() {
        assertEquals("--max-unauthenticated-per-address", Setting.MAX_UNAUTHENTICATED_PER_ADDRESS.flag());
        assertEquals("NEUROINFO_MAX_UNAUTHENTICATED_PER_ADDRESS", Setting.MAX_UNAUTHENTICATED_PER_ADDRESS.variable());
        assertEquals("--public-ws-url", Setting.PUBLIC_WS_URL.flag());
        assertEquals("NEUROINFO_PUBLIC_WS_URL", Setting.PUBLIC_WS_URL.variable());
    }

    @Test
    void theDefaultsShownAreTheBuildersAsAnOperatorWritesThem() {
        assertEquals("5", Setting.MAX_CONNECTIONS.defaultText());
        assertEquals("25", Setting.PING_INTERVAL.defaultText());
        assertEquals("86400", Setting.HISTORY_AGE.defaultText());
        assertEquals("data", Setting.DATA_DIR.defaultText());
        assertEquals("false", Setting.RECOVERY.defaultText());
        assertEquals(null, Setting.REDIS.defaultText());
    }
}
