package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.wire.Sockets;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request body that never arrives whole, because its client closed the connection half-way or
 * stalled until the request deadline closed it, is the client's doing, which anyone can repeat at
 * will: it must not buy a stack trace in the server's log (it used to log one at SEVERE per
 * request), only one debug line, which never names a credential. Everything every logger
 * publishes is watched, the container's included.
 */
class AbortedRequestBodyTest {
    private static final String CUT_SHORT = "request body not received whole";
    private static final String NOT_DECODABLE = "request body not decodable";
    private static final String EVENT = "{\"eventType\":\"streamOffline\",\"eventData\":{\"isLive\":false}}";

    @RegisterExtension
    static final TestServer server = TestServer.shared(c -> c.requestTimeout(Duration.ofSeconds(1)));

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs("dev.neuroinfo.ws.server.http.RequestBodyLimit",
            "dev.neuroinfo.ws.server.embedded.BrokenBodyGuard");

    private static Socket connect() throws IOException {
        return Sockets.open(server.httpUri(), TestServer.WAIT);
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The head of an admin request whose body, of the given framing, is to follow. */
    private static String head(String path, String admin, String framing) {
        return "POST " + path + " HTTP/1.1\r\nHost: " + Sockets.hostHeader(server.httpUri()) + "\r\nAuthorization: Bearer "
                + admin + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n";
    }

    /**
     * Waits until the server has dealt with {@code aborted} broken bodies, each shown either by the
     * debug line or by a loud record, then checks that none was loud and no line named the token.
     */
    private void assertQuietlyDealtWith(int aborted, String admin) throws InterruptedException {
        assertQuietlyDealtWith(aborted, admin, CUT_SHORT);
    }

    /** As above, each broken body shown by a debug line starting with {@code debugLine}. */
    private void assertQuietlyDealtWith(int aborted, String admin, String debugLine) throws InterruptedException {
        TestServer.await(aborted + " broken bodies dealt with", () -> logs.records().stream()
                .filter(r -> CapturedLogs.loud(r) || String.valueOf(r.getMessage()).startsWith(debugLine)).count() >= aborted);
        SimpleFormatter formatter = new SimpleFormatter();
        List<String> loud = logs.records().stream().filter(CapturedLogs::loud).map(formatter::format).toList();
        assertEquals(List.of(), loud, "nothing at WARNING or above, no stack trace");
        assertTrue(logs.records().stream().map(formatter::formatMessage).noneMatch(line -> line.contains(admin)),
                "no log line names the token");
    }

    @Test
    void bodiesCutShortByTheirClientsClosingLogNoStackTrace() throws Exception {
        String admin = server.adminToken();
        try (Socket announced = connect()) {
            send(announced, head("/api/admin/events", admin, "Content-Length: " + (EVENT.length() + 100))
                    + EVENT.substring(0, 20));
        }
        try (Socket chunked = connect()) {
            send(chunked, head("/api/admin/tokens", admin, "Transfer-Encoding: chunked") + "40\r\n{\"user\":\"cut");
        }
        assertQuietlyDealtWith(2, admin);
    }

    @Test
    void bodiesThatNeverStartLogNoStackTrace() throws Exception {
        // no byte of the body before the close: the server fails already asking whether a body
        // follows (it used to log that at SEVERE with a 47-line stack trace, without any credential)
        try (Socket announced = connect()) {
            send(announced, head("/api/admin/events", "nothing", "Content-Length: " + EVENT.length()));
        }
        try (Socket expecting = connect()) {
            send(expecting, head("/api/admin/tokens", "nothing", "Content-Length: " + EVENT.length()
                    + "\r\nExpect: 100-continue"));
        }
        assertQuietlyDealtWith(2, "nothing");
    }

    @Test
    void aChunkSizeThatIsNotHexLogsNoStackTrace() throws Exception {
        // read with the head, the codec's exception reached Grizzly's filter chain, which logged it
        // at WARNING with a 27-line stack trace, without any credential
        try (Socket broken = connect()) {
            send(broken, head("/api/admin/events", "nothing", "Transfer-Encoding: chunked") + "zz\r\n{}\r\n0\r\n\r\n");
        }
        assertQuietlyDealtWith(1, "nothing", NOT_DECODABLE);
    }

    @Test
    void aBodyStalledUntilTheRequestDeadlineLogsNoStackTrace() throws Exception {
        String admin = server.adminToken();
        try (Socket stalled = connect()) {
            send(stalled, head("/api/admin/events", admin, "Content-Length: " + EVENT.length())
                    + EVENT.substring(0, 20));
            stalled.setSoTimeout(20);
            TestServer.await("the stalled connection closed at its deadline", () -> {
                try {
                    assertFalse(stalled.getInputStream().read() >= 0, "answered a request that never arrived whole");
                    return true;
                } catch (SocketTimeoutException e) {
                    return false;
                } catch (IOException e) {
                    return true;
                }
            });
        }
        assertQuietlyDealtWith(1, admin);
    }
}
