package dev.neuroinfo.ws.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ApiUrlsTest {
    private static void oneOrigin(String webSocketUrl, String httpBase, String ticketUrl) {
        assertEquals(URI.create(httpBase), ApiUrls.httpBaseOf(URI.create(webSocketUrl)));
        assertEquals(URI.create(ticketUrl), ApiUrls.ticketUrl(URI.create(httpBase)));
        assertEquals(URI.create(webSocketUrl), ApiUrls.webSocketUrlOf(URI.create(httpBase)));
    }

    @Test
    void oneOriginKeepsHostPortAndContextPath() {
        oneOrigin("wss://h/api/ws", "https://h", "https://h/api/ws/ticket");
        oneOrigin("ws://h/api/ws", "http://h", "http://h/api/ws/ticket");
        oneOrigin("wss://h:443/api/ws", "https://h:443", "https://h:443/api/ws/ticket");
        oneOrigin("ws://h:8081/api/ws", "http://h:8081", "http://h:8081/api/ws/ticket");
        oneOrigin("ws://h/ctx/api/ws", "http://h/ctx", "http://h/ctx/api/ws/ticket");
        oneOrigin("wss://h:9443/a/b/api/ws", "https://h:9443/a/b", "https://h:9443/a/b/api/ws/ticket");
        oneOrigin("ws://[::1]:8081/api/ws", "http://[::1]:8081", "http://[::1]:8081/api/ws/ticket");
    }

    @Test
    void aQueryOnTheWebSocketUrlIsNotPartOfTheBase() {
        assertEquals(URI.create("http://h"), ApiUrls.httpBaseOf(URI.create("ws://h/api/ws?x=1")));
    }

    @Test
    void aTrailingSlashOnTheBaseChangesNothing() {
        assertEquals(URI.create("http://h:8080/ctx/api/ws/ticket"), ApiUrls.ticketUrl(URI.create("http://h:8080/ctx/")));
        assertEquals(URI.create("http://h:8080/api/ws/ticket"), ApiUrls.ticketUrl(URI.create("http://h:8080/")));
    }

    @Test
    void twoPortsPutTheWebSocketOnTheNextPort() {
        assertEquals(URI.create("ws://h:8081/api/ws"), ApiUrls.twoPortWebSocketUrlOf(URI.create("http://h:8080")));
        assertEquals(URI.create("wss://h:444/api/ws"), ApiUrls.twoPortWebSocketUrlOf(URI.create("https://h")));
        assertEquals(URI.create("ws://[::1]:8081/api/ws"), ApiUrls.twoPortWebSocketUrlOf(URI.create("http://[::1]:8080")));
    }

    @Test
    void aWebSocketPathElsewhereCannotBeGuessed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiUrls.httpBaseOf(URI.create("ws://h/events?ticket=secret")));
        assertTrue(e.getMessage().contains("does not end in /api/ws"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void malformedUrlsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> ApiUrls.httpBaseOf(URI.create("http://h/api/ws")));
        assertThrows(IllegalArgumentException.class, () -> ApiUrls.httpBaseOf(URI.create("ws:/api/ws")));
        assertThrows(IllegalArgumentException.class, () -> ApiUrls.httpBaseOf(URI.create("ws://h/api/ws#x")));
        assertThrows(IllegalArgumentException.class, () -> ApiUrls.httpBaseOf(null));
        assertThrows(IllegalArgumentException.class, () -> ApiUrls.ticketUrl(URI.create("ftp://h")));
        assertThrows(IllegalArgumentException.class, () -> ApiUrls.ticketUrl(URI.create("http://h?x=1")));
        assertThrows(IllegalArgumentException.class, () -> ApiUrls.ticketUrl(URI.create("/relative")));
    }
}
