package dev.neuroinfo.ws.server.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WAR reads the catalogue's settings from context parameters first, then the environment. */
class WebAppSettingsTest {
    private static WebAppSettings settings(Map<String, String> parameters, Map<String, String> environment) {
        return new WebAppSettings(parameters::get, environment, "/events");
    }

    @Test
    void theContextParameterWinsOverTheVariableAndABlankOneGivesWay() {
        ServerConfig config = settings(Map.of("NEUROINFO_MAX_CONNECTIONS", "3", "NEUROINFO_QUEUE_LIMIT", " "),
                Map.of("NEUROINFO_MAX_CONNECTIONS", "9", "NEUROINFO_QUEUE_LIMIT", "64")).toConfig();
        assertEquals(3, config.maxConnectionsPerUser());
        assertEquals(64, config.outboundQueueLimit());
    }

    @Test
    void aMalformedValueFailsTheDeploymentNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("NEUROINFO_PING_INTERVAL", "soon"), Map.of()).toConfig());
        assertEquals("NEUROINFO_PING_INTERVAL must be a positive number of seconds, was 'soon'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(), Map.of("NEUROINFO_INBAND_AUTH", "on")).toConfig());
        assertEquals("NEUROINFO_INBAND_AUTH must be true or false, was 'on'", e.getMessage());
    }

    @Test
    void theEmbeddedListenersSettingsAreNotTheWars() {
        ServerConfig config = settings(Map.of("NEUROINFO_HANDSHAKE_TIMEOUT", "none"),
                Map.of("NEUROINFO_PORT", "99999", "NEUROINFO_MAX_TOTAL_CONNECTIONS", "3")).toConfig();
        assertEquals(ServerConfig.defaults().handshakeTimeout(), config.handshakeTimeout());
        assertEquals(0, config.maxTotalConnections());
    }

    @Test
    void theDataDirectoryAndPublicUrlDefaultToTheContextPath() {
        WebAppSettings unset = settings(Map.of(), Map.of());
        ServerConfig config = unset.toConfig();
        assertFalse(unset.hasPublicWebSocketUrl());
        assertEquals("ws://localhost:8080/events/api/ws", config.webSocketUrl());
        assertEquals(Path.of(System.getProperty("user.home"), ".neuroinfo-ws", "events"), config.dataDir());
        WebAppSettings set = settings(Map.of("NEUROINFO_PUBLIC_WS_URL", "wss://e.org/api/ws"),
                Map.of("NEUROINFO_DATA_DIR", "/srv/x"));
        assertTrue(set.hasPublicWebSocketUrl());
        assertEquals("wss://e.org/api/ws", set.toConfig().webSocketUrl());
        assertEquals(Path.of("/srv/x"), set.toConfig().dataDir());
    }
}
