package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a TCP connection to the WebSocket port may hold before it has authenticated: the handshake
 * deadline, the node's total cap (logged), and the per-address cap on connections that have not
 * authenticated yet; and the HTTP API port's own cap.
 */
class ConnectionGuardTest {
    private static final String UPGRADE = "GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    @RegisterExtension
    static final TestServer deadline = TestServer.shared(c -> c.handshakeTimeout(Duration.ofSeconds(1)));

    @RegisterExtension
    static final TestServer capped = TestServer.shared(c -> c.maxTotalConnections(4));

    @RegisterExtension
    static final TestServer apiCapped = TestServer.shared(c -> c.maxApiConnections(3));

    @RegisterExtension
    static final TestServer perAddress = TestServer.shared(c -> c.maxUnauthenticatedPerAddress(2));

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    /** Whether the server ended the connection: end of stream or reset seen within a short read. */
    private static boolean ended(Socket socket) {
        try {
            socket.setSoTimeout(20);
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Polls the sockets until {@code count} of them have ended; returns those that have not. */
    private static List<Socket> awaitEnded(List<Socket> sockets, int count) throws Exception {
        Set<Socket> ended = new HashSet<>();
        TestServer.await(count + " connections closed by the server", () -> {
            for (Socket socket : sockets) {
                if (!ended.contains(socket) && ended(socket)) {
                    ended.add(socket);
                }
            }
            return ended.size() >= count;
        });
        List<Socket> open = new ArrayList<>(sockets);
        open.removeAll(ended);
        return open;
    }

    /** Completes an upgrade on an open socket; the status line of the answer. */
    private static String upgrade(Socket socket, String token) throws IOException {
        return statusLine(socket, UPGRADE + "Authorization: Bearer " + token + "\r\n\r\n");
    }

    /** Sends a health check on an open socket; the status line of the answer, empty if none came. */
    private static String health(Socket socket) throws IOException {
        return statusLine(socket, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    private static String statusLine(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.setSoTimeout((int) TestServer.WAIT.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }

    private static double dropped(TestServer server, String reason) {
        return server.metric("neuroinfo_connections_dropped_before_upgrade", "reason", reason);
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void silentAndDripFedConnectionsAreClosedAtTheDeadlineButUpgradedOnesStay() throws Exception {
        try (RawWebSocket upgraded = deadline.connect(deadline.token("stays"));
                Socket silent = connect(deadline.wsPort());
                Socket drip = connect(deadline.wsPort())) {
            byte[] request = UPGRADE.getBytes(StandardCharsets.ISO_8859_1);
            int[] sent = {0};
            TestServer.await("both closed at the deadline", () -> {
                try {
                    if (sent[0] < request.length && !ended(drip)) {
                        drip.getOutputStream().write(request[sent[0]++]);
                    }
                    return ended(silent) && ended(drip);
                } catch (IOException e) {
                    return ended(silent);
                }
            });
            assertTrue(sent[0] > 5, "the drip-fed one was sending all along");
            assertEquals(2, dropped(deadline, "handshake_timeout"), "both counted");
            upgraded.sendText("{\"type\":\"listEvents\",\"data\":{}}");
            assertNotNull(upgraded.nextText(TestServer.WAIT), "an upgraded connection has no deadline");
        }
    }

    @Test
    void connectionsOverTheTotalCapAreClosedAtAcceptAndLogged() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("dev.neuroinfo.ws.server.embedded.ConnectionCap");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                sockets.add(connect(capped.wsPort()));
            }
            List<Socket> open = awaitEnded(sockets, 2);
            assertEquals(4, open.size());
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(capped.server.httpUri() + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), "the HTTP API is not behind the WebSocket cap");
            String token = capped.unlimitedToken("capped");
            for (Socket socket : open) {
                assertEquals("HTTP/1.1 101 Switching Protocols", upgrade(socket, token));
            }
            assertTrue(warnings.stream().anyMatch(w -> w.contains("maximum of 4 connections")), warnings.toString());
            assertEquals(1, warnings.size(), "one line for a burst of refusals: " + warnings);
            assertEquals(2, dropped(capped, "max_total_connections"), "each refusal counted");
        } finally {
            logger.removeHandler(handler);
            closeAll(sockets);
        }
    }

    @Test
    void anAddressHoldsOnlyItsCapOfUnauthenticatedConnections() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                sockets.add(connect(perAddress.wsPort()));
            }
            List<Socket> open = awaitEnded(sockets, 1);
            String token = perAddress.unlimitedToken("proxy");
            assertEquals("HTTP/1.1 101 Switching Protocols", upgrade(open.get(0), token));
            // authenticated, the first no longer counts: room for one more that has not
            Socket another = connect(perAddress.wsPort());
            sockets.add(another);
            assertEquals("HTTP/1.1 101 Switching Protocols", upgrade(another, token));
            Socket third = connect(perAddress.wsPort());
            sockets.add(third);
            Socket fourth = connect(perAddress.wsPort());
            sockets.add(fourth);
            assertEquals(1, List.of(third, fourth).size() - awaitEnded(List.of(third, fourth), 1).size());
            assertEquals(2, dropped(perAddress, "max_unauthenticated_per_address"), "each refusal counted");
        } finally {
            closeAll(sockets);
        }
    }

    /**
     * The HTTP API port closes connections over its own cap at accept, so that a flood of it cannot
     * take the descriptors the WebSocket port and the files need; the WebSocket port is not behind
     * it, and a place is free again once a connection closes.
     */
    @Test
    void connectionsOverTheApiPortsCapAreClosedAtAccept() throws Exception {
        int apiPort = apiCapped.server.httpUri().getPort();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                sockets.add(connect(apiPort));
            }
            List<Socket> open = awaitEnded(sockets, 2);
            assertEquals(3, open.size());
            assertEquals("HTTP/1.1 200 OK", health(open.get(0)), "a connection within the cap is served");
            try (Socket webSocket = connect(apiCapped.wsPort())) {
                assertEquals("HTTP/1.1 101 Switching Protocols", upgrade(webSocket, apiCapped.unlimitedToken("api-capped")));
            }
            open.get(1).close();
            TestServer.await("a place on the API port free again", () -> {
                try (Socket again = connect(apiPort)) {
                    return "HTTP/1.1 200 OK".equals(health(again));
                } catch (IOException e) {
                    return false;
                }
            });
            assertTrue(dropped(apiCapped, "max_api_connections") >= 2, "each refusal counted");
        } finally {
            closeAll(sockets);
        }
    }
}
