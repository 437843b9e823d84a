package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.wire.Sockets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.SimpleFormatter;
import org.glassfish.grizzly.http.KeepAlive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Grizzly closes an HTTP API connection after its keep-alive's maximum of requests, and still hands
 * the requests pipelined behind the last one, read with it, to the handler. Ticket requests are
 * answered on the selector thread, where Grizzly logs a failed answer at WARNING with its stack
 * trace: anyone, without a token, could buy 32 log lines per request that way (a few hundred bytes
 * sent by one connection filled the log with about 44,000 lines). Such requests are now left
 * unanswered with one debug line each. Everything every logger publishes is watched.
 */
class PipelinedPastKeepAliveTest {
    private static final String NOT_ANSWERED = "ticket request on a closed connection";
    private static final int PAST_THE_LAST = 9;

    @RegisterExtension
    static final TestServer server = TestServer.shared();

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs("dev.neuroinfo.ws.server.embedded.ApiHttpHandler");

    private static int answers(String received) {
        return received.split("HTTP/1\\.1 ", -1).length - 1;
    }

    @Test
    void ticketRequestsPipelinedPastTheConnectionsLastLogNoStackTrace() throws Exception {
        int last = new KeepAlive().getMaxRequestsCount();
        String request = "GET /api/ws/ticket HTTP/1.1\r\nHost: " + Sockets.hostHeader(server.httpUri()) + "\r\n\r\n";
        try (Socket socket = Sockets.open(server.httpUri(), TestServer.WAIT)) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            socket.getOutputStream().write(request.repeat(last - 1).getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[8192];
            while (answers(received.toString(StandardCharsets.ISO_8859_1)) < last - 1) {
                received.write(chunk, 0, in.read(chunk));
            }
            // in one write, so that the server reads the connection's last request with the ones behind it
            socket.getOutputStream().write(request.repeat(1 + PAST_THE_LAST).getBytes(StandardCharsets.ISO_8859_1));
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                received.write(chunk, 0, n);
            }
            assertEquals(last, answers(received.toString(StandardCharsets.ISO_8859_1)), "answered up to the last");
        }
        TestServer.await(PAST_THE_LAST + " requests past the last dealt with", () -> logs.records().stream()
                .filter(r -> CapturedLogs.loud(r) || String.valueOf(r.getMessage()).startsWith(NOT_ANSWERED)).count()
                >= PAST_THE_LAST);
        SimpleFormatter formatter = new SimpleFormatter();
        assertEquals(List.of(), logs.records().stream().filter(CapturedLogs::loud).map(formatter::format).toList(),
                "nothing at WARNING or above, no stack trace");
    }
}
