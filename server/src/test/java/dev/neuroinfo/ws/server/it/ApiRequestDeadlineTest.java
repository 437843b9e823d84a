package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.SlowSender;
import dev.neuroinfo.ws.wire.HttpReader;
import dev.neuroinfo.ws.wire.HttpResponse;
import dev.neuroinfo.ws.wire.Sockets;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP API port's request deadline on real sockets: a request must arrive whole, head and
 * body, within {@code --request-timeout} (1 s here) of its connection's accept or, on a kept-alive
 * connection, of its first byte, or the connection is closed without an answer. A slow sender can
 * then no longer hold a place under the port's connection cap for ever, while the time between
 * requests and the time the server takes to answer are not counted.
 */
class ApiRequestDeadlineTest {
    private static final int CAP = 4;
    private static final String HEALTH = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    @RegisterExtension
    static final TestServer server = TestServer.shared(c -> c.requestTimeout(Duration.ofSeconds(1))
            .maxApiConnections(CAP));

    private static Socket connect() throws IOException {
        return Sockets.open(server.httpUri(), TestServer.WAIT);
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int dripUntilClosed(Socket socket, byte[] text) throws InterruptedException {
        return SlowSender.dripUntilClosed(socket, text, TestServer.WAIT, () -> { });
    }

    /** A request head that would take far longer than a poll's bound to drip. */
    private static byte[] endlessHead(String requestLine) {
        return (requestLine + "Host: 127.0.0.1\r\nX-Padding: " + "x".repeat(4_000) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends a request and reads its whole answer. */
    private static HttpResponse exchange(Socket socket, String request) throws IOException {
        send(socket, request);
        return nextAnswer(socket);
    }

    /**
     * One whole answer, head and body (chunked or not), read off a kept-alive connection so that
     * the next request or answer on it starts clean.
     */
    private static HttpResponse nextAnswer(Socket socket) throws IOException {
        socket.setSoTimeout((int) TestServer.WAIT.toMillis());
        // unbuffered, so that nothing of a later answer is taken away from the next exchange
        HttpReader.Head head = HttpReader.readHead(socket.getInputStream());
        return head.withBody(HttpReader.readBody(socket.getInputStream(), head, false));
    }

    /** A health answer: 200 with its JSON body. */
    private static void assertHealthy(HttpResponse answer, String which) {
        assertEquals(200, answer.status(), which + ": " + answer.summary());
        assertEquals("{\"status\":\"ok\"}", answer.bodyText(), which);
    }

    private static double timedOut() {
        return server.metric("neuroinfo_connections_dropped_before_upgrade", "reason", "request_timeout");
    }

    /** Waits until a silent connection opened now is closed: a whole deadline has passed since. */
    private static void awaitOneDeadline() throws Exception {
        try (Socket canary = connect()) {
            TestServer.await("a silent connection closed at its deadline", () -> SlowSender.closedUnanswered(canary));
        }
    }

    @Test
    void aRequestHeadDrippedByteByByteIsClosedAtItsDeadline() throws Exception {
        double before = timedOut();
        try (Socket drip = connect()) {
            int sent = dripUntilClosed(drip, endlessHead("GET /api/health HTTP/1.1\r\n"));
            assertTrue(sent > 5, "the slow sender was sending all along: " + sent);
        }
        assertTrue(timedOut() > before, "counted as request_timeout");
    }

    /**
     * Slow senders filling the port's cap hold it only until their deadline: a ticket request gets
     * its answer once they are closed, while they still send.
     */
    @Test
    void slowSendersFillingTheCapLockOutATicketRequestOnlyUntilTheirDeadline() throws Exception {
        String token = server.unlimitedToken("behind-slowloris");
        byte[] head = endlessHead("GET /api/ws/ticket HTTP/1.1\r\n");
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                slow.add(connect());
            }
            int[] sent = {0};
            HttpResponse[] answer = {null};
            TestServer.await("a ticket request answered past the slow senders", () -> {
                for (Socket socket : slow) {
                    try {
                        if (!socket.isClosed()) {
                            socket.getOutputStream().write(head[sent[0]]);
                        }
                    } catch (IOException e) {
                        // closed by the server: its place is free
                    }
                }
                sent[0]++;
                try (Socket ticket = connect()) {
                    answer[0] = exchange(ticket, "GET /api/ws/ticket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Bearer " + token + "\r\n\r\n");
                    return answer[0].status() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
            assertTrue(answer[0].bodyText().contains("\"ticket\":"), answer[0].summary());
            TestServer.await("every slow sender closed",
                    () -> slow.stream().allMatch(SlowSender::closedUnanswered));
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /**
     * Neither the wait between requests nor the earlier requests count against a request on a
     * kept-alive connection: several requests, each after more than a deadline, are all answered.
     */
    @Test
    void aKeptAliveConnectionServingSeveralRequestsIsNotCut() throws Exception {
        try (Socket kept = connect()) {
            for (int i = 0; i < 3; i++) {
                assertHealthy(exchange(kept, HEALTH), "request " + i);
                awaitOneDeadline();
            }
            assertHealthy(exchange(kept, HEALTH), "the last request");
        }
    }

    /** On a kept-alive connection the next request's clock starts at its first byte, and it is bounded too. */
    @Test
    void aKeptAliveConnectionDrippingItsNextRequestIsClosedAtThatRequestsDeadline() throws Exception {
        try (Socket kept = connect()) {
            assertHealthy(exchange(kept, HEALTH), "the first request");
            awaitOneDeadline();
            int sent = dripUntilClosed(kept, endlessHead("GET /api/health HTTP/1.1\r\n"));
            assertTrue(sent > 5, "the slow sender was sending all along: " + sent);
        }
    }

    /**
     * A request pipelined behind a whole one, its first bytes in the same write, is bounded too: the
     * first is answered, and the second, dripped, is closed at a deadline.
     * PipelinedRequestDeadlineTest shows that deadline is the second request's own.
     */
    @Test
    void aDrippedRequestPipelinedBehindAWholeOneIsClosedAtADeadline() throws Exception {
        try (Socket pipelining = connect()) {
            send(pipelining, HEALTH + "GET /api/health HTTP/1.1\r\n");
            assertHealthy(nextAnswer(pipelining), "the whole request");
            int sent = dripUntilClosed(pipelining, endlessHead(""));
            assertTrue(sent > 5, "the slow sender was sending all along: " + sent);
        }
    }

    /** A kept-alive client sending two whole requests in one write gets both answers, and keeps its connection. */
    @Test
    void twoWholeRequestsPipelinedInOneWriteAreBothAnswered() throws Exception {
        try (Socket pipelining = connect()) {
            send(pipelining, HEALTH + HEALTH);
            assertHealthy(nextAnswer(pipelining), "the first request");
            assertHealthy(nextAnswer(pipelining), "the second request");
            awaitOneDeadline();
            assertHealthy(exchange(pipelining, HEALTH), "a later request");
        }
    }

    @Test
    void aRequestBodyDrippedByteByByteIsClosedAtItsDeadline() throws Exception {
        String admin = server.adminToken();
        byte[] body = ("{\"user\":\"" + "x".repeat(4_000) + "\"}").getBytes(StandardCharsets.ISO_8859_1);
        try (Socket drip = connect()) {
            send(drip, "POST /api/admin/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
            int sent = dripUntilClosed(drip, body);
            assertTrue(sent > 5, "the slow sender was sending all along: " + sent);
        }
    }

    /** A request sent at once, with a body or without, is answered as before, and the connection stays. */
    @Test
    void requestsSentAtOnceAreAnswered() throws Exception {
        String admin = server.adminToken();
        String body = "{\"user\":\"prompt\"}";
        try (Socket socket = connect()) {
            HttpResponse created = exchange(socket, "POST /api/admin/tokens HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + admin + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            assertEquals(201, created.status(), created.summary());
            assertTrue(created.bodyText().contains("\"user\":\"prompt\""), created.summary());
            HttpResponse ticket = exchange(socket, "GET /api/ws/ticket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + server.unlimitedToken("prompt") + "\r\n\r\n");
            assertEquals(200, ticket.status(), ticket.summary());
            assertTrue(ticket.bodyText().contains("\"ticket\":"), ticket.summary());
        }
    }
}
