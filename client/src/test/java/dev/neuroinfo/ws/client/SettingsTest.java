package dev.neuroinfo.ws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void httpBaseFollowsThePortConvention() {
        assertEquals(URI.create("http://h:8080"), Settings.deriveHttpBase(URI.create("ws://h:8081/api/ws")));
        assertEquals(URI.create("https://example.net:9000"),
                Settings.deriveHttpBase(URI.create("wss://example.net:9001/api/ws")));
        assertEquals(URI.create("http://[::1]:8080"), Settings.deriveHttpBase(URI.create("ws://[::1]:8081/api/ws")));
    }

    @Test
    void withoutAPortTheHttpApiIsOnTheSameOrigin() {
        assertEquals(URI.create("https://example.net"), Settings.deriveHttpBase(URI.create("wss://example.net/api/ws")));
    }

    @Test
    void builderRejectsUnusableSettings() {
        assertThrows(IllegalArgumentException.class, () -> NeuroInfoClient.builder().token("t").build());
        assertThrows(IllegalArgumentException.class,
                () -> NeuroInfoClient.builder().webSocketUrl("http://h:8081/api/ws").token("t").build());
        assertThrows(IllegalArgumentException.class,
                () -> NeuroInfoClient.builder().webSocketUrl("ws://h:8081/api/ws").token(" ").build());
    }

    @Test
    void settingsNeverShowTheToken() {
        Settings settings = new Settings(URI.create("ws://h:1/api/ws"), URI.create("http://h:0"), "secret-token",
                AuthMethod.TICKET, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), true,
                ReconnectPolicy.defaults());
        assertFalse(settings.toString().contains("secret-token"));
    }
}
