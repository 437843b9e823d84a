package dev.neuroinfo.ws.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every builder input that is missing, blank or malformed is an IllegalArgumentException that says so. */
class BuilderTest {
    private static NeuroInfoClientBuilder valid() {
        return NeuroInfoClient.builder().webSocketUrl("ws://h:8081/api/ws").token("t");
    }

    private static void refused(String expectedText, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedText), e.getMessage());
    }

    @Test
    void urlsAreCheckedWhenSet() {
        refused("webSocketUrl is missing", () -> valid().webSocketUrl((String) null));
        refused("webSocketUrl is missing", () -> valid().webSocketUrl(" "));
        refused("the WebSocket URL is missing", () -> valid().webSocketUrl((URI) null));
        refused("webSocketUrl is not a URL", () -> valid().webSocketUrl("ws://h:80 80/api/ws"));
        refused("must be ws://host[:port]/path", () -> valid().webSocketUrl("http://h:8081/api/ws"));
        refused("must be ws://host[:port]/path", () -> valid().webSocketUrl("h:8081/api/ws"));
        refused("no fragment", () -> valid().webSocketUrl("ws://h/api/ws#top"));
        refused("httpBaseUrl is missing", () -> valid().httpBaseUrl((String) null));
        refused("must be http(s)://host", () -> valid().httpBaseUrl("ws://h:8080"));
        refused("no query or fragment", () -> valid().httpBaseUrl("http://h:8080?x=1"));
    }

    @Test
    void theTokenIsCheckedWhenSetAndNeverShown() {
        refused("token is required", () -> valid().token(null));
        refused("token is blank", () -> valid().token(" \t"));
        IllegalArgumentException inner = assertThrows(IllegalArgumentException.class,
                () -> valid().token("secret part"));
        assertTrue(inner.getMessage().contains("printable ASCII without spaces"), inner.getMessage());
        assertFalse(inner.getMessage().contains("secret"), inner.getMessage());
        refused("printable ASCII", () -> valid().token("line\nbreak"));
        refused("printable ASCII", () -> valid().token("caf\u00e9"));
    }

    @Test
    void everyOtherOptionRefusesNullAndNonsense() {
        refused("authMethod must not be null", () -> valid().authMethod(null));
        refused("callbackExecutor must not be null", () -> valid().callbackExecutor(null));
        refused("reconnectPolicy must not be null", () -> valid().reconnectPolicy(null));
        refused("random must not be null", () -> valid().random(null));
        refused("connectionListener must not be null", () -> valid().connectionListener(null));
        refused("connectTimeout must not be null", () -> valid().connectTimeout(null));
        refused("connectTimeout must be positive", () -> valid().connectTimeout(Duration.ZERO));
        refused("requestTimeout must be positive", () -> valid().requestTimeout(Duration.ofSeconds(-1)));
        refused("requestTimeout must be positive and at most", () -> valid().requestTimeout(Duration.ofDays(400)));
    }

    @Test
    void buildNeedsAUrlAndAToken() {
        refused("webSocketUrl is required", () -> NeuroInfoClient.builder().token("t").build());
        refused("token is required", () -> NeuroInfoClient.builder().webSocketUrl("ws://h/api/ws").build());
    }

    @Test
    void theTicketEndpointIsNeverGuessedFromAnUnknownPath() {
        refused("does not end in /api/ws", () -> NeuroInfoClient.builder().webSocketUrl("ws://h/events").token("t").build());
        // Named explicitly, or not needed at all: both fine.
        NeuroInfoClient.builder().webSocketUrl("ws://h/events").httpBaseUrl("http://h:8080").token("t").build().close();
        NeuroInfoClient.builder().webSocketUrl("ws://h/events").authMethod(AuthMethod.HEADER).token("t").build().close();
    }

    @Test
    void theClientNeverShowsTheToken() {
        NeuroInfoClient client = valid().token("secret-token").build();
        assertFalse(client.toString().contains("secret-token"));
        client.close();
    }
}
