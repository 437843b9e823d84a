package dev.neuroinfo.ws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the client asks for tickets, seen from a one-origin server below a context path (a WAR
 * behind a proxy): an HTTP server on one port that records the paths it is asked for and refuses
 * every ticket, so the attempt ends at the ticket endpoint.
 */
class TicketUrlTest {
    private HttpServer server;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().getRawPath());
            byte[] body = "{\"error\":{\"code\":\"AU2\",\"message\":\"Invalid or expired API token\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String askedFor(String webSocketUrl) {
        try (NeuroInfoClient client = NeuroInfoClient.builder().webSocketUrl(webSocketUrl).token("t").build()) {
            NeuroInfoConnectException refused = assertThrows(NeuroInfoConnectException.class, client::connectAndWait);
            assertEquals(NeuroInfoConnectException.Kind.TICKET_REFUSED, refused.kind());
        }
        return asked.remove(0);
    }

    @Test
    void theTicketIsFetchedFromTheWebSocketUrlsOriginAndContextPath() {
        int port = server.getAddress().getPort();
        assertEquals("/ctx/api/ws/ticket", askedFor("ws://127.0.0.1:" + port + "/ctx/api/ws"));
        assertEquals("/api/ws/ticket", askedFor("ws://127.0.0.1:" + port + "/api/ws"));
    }
}
