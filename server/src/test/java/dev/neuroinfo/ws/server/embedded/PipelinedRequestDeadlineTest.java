package dev.neuroinfo.ws.server.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.SlowSender;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import dev.neuroinfo.ws.wire.HttpReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request deadline of a request pipelined behind another (its first bytes in the same socket
 * read as the end of the previous one), on real sockets with the moment deadlines are judged in the
 * test's hands: the timeout is a nanosecond and the timer's one thread is kept busy, so every
 * deadline started falls due when the test runs the timer's queued task. The first request's
 * handler is held, so that its deadline passes while it is being answered, which a real client gets
 * by sending its end close to the deadline, or behind a slow answer. ApiRequestDeadlineTest shows
 * the deadline in real time on the embedded server.
 */
class PipelinedRequestDeadlineTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HELD = "GET /held HTTP/1.1\r\nHost: t\r\n\r\n";
    private static final String NEXT = "GET /next HTTP/1.1\r\nHost: t\r\n\r\n";

    /** Its one thread is kept busy, so that the deadlines' task waits in its queue for the test to run. */
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final CountDownLatch releaseTimer = new CountDownLatch(1);
    private final CountDownLatch heldEntered = new CountDownLatch(1);
    private final CountDownLatch releaseHeld = new CountDownLatch(1);
    private final HttpServer server = new HttpServer();
    private final NetworkListener listener = new NetworkListener("deadlines", "127.0.0.1", 0);

    @BeforeEach
    void start() throws Exception {
        CountDownLatch occupied = new CountDownLatch(1);
        timer.execute(() -> {
            occupied.countDown();
            try {
                releaseTimer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(occupied.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        listener.registerAddOn(new RequestDeadlines(Duration.ofNanos(1), timer, new ServerMetrics()));
        server.addListener(listener);
        server.getServerConfiguration().addHttpHandler(new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws Exception {
                if (request.getRequestURI().equals("/held")) {
                    heldEntered.countDown();
                    assertTrue(releaseHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS));
                }
                response.setContentType("text/plain");
                response.setContentLength(2);
                response.getWriter().write("ok");
            }
        }, "/");
        server.start();
    }

    @AfterEach
    void stop() {
        releaseHeld.countDown();
        server.shutdownNow();
        releaseTimer.countDown();
        timer.shutdownNow();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", listener.getPort());
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Runs the deadlines' queued timer task, and the one it leaves if deadlines remain: all are due. */
    private void judgeDeadlines() {
        for (Runnable task = timer.getQueue().poll(); task != null; task = timer.getQueue().poll()) {
            task.run();
        }
    }

    /** Holds the first request's handler until every deadline started so far has been judged. */
    private void judgeDeadlinesWhileTheHeldRequestIsAnswered() throws InterruptedException {
        assertTrue(heldEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the held request reached its handler");
        judgeDeadlines();
        releaseHeld.countDown();
    }

    private static void assertAnswered(InputStream in, String which) throws IOException {
        HttpReader.Head head = HttpReader.readHead(in);
        assertEquals(200, head.status(), which);
        assertEquals("ok", new String(HttpReader.readBody(in, head, false), StandardCharsets.ISO_8859_1), which);
    }

    /**
     * The first request's deadline passes while it is answered, harmlessly since it is whole; the
     * request pipelined behind it, which then drips, must still be closed at a deadline of its own.
     */
    @Test
    void aDrippedRequestPipelinedBehindAnAnsweredOneIsClosedAtItsOwnDeadline() throws Exception {
        byte[] rest = ("Host: t\r\nX-Padding: " + "x".repeat(4_000) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = connect()) {
            send(socket, HELD + "GET /next HTTP/1.1\r\n");
            judgeDeadlinesWhileTheHeldRequestIsAnswered();
            assertAnswered(socket.getInputStream(), "the held request");
            SlowSender.dripUntilClosed(socket, rest, WAIT, this::judgeDeadlines);
        }
    }

    /** Pipelined requests sent whole are all answered however their deadlines fall, and the connection stays. */
    @Test
    void wholePipelinedRequestsAreAnsweredAndTheConnectionStays() throws Exception {
        try (Socket socket = connect()) {
            send(socket, HELD + NEXT);
            judgeDeadlinesWhileTheHeldRequestIsAnswered();
            InputStream in = socket.getInputStream();
            assertAnswered(in, "the held request");
            assertAnswered(in, "the request pipelined behind it");
            judgeDeadlines();
            send(socket, NEXT);
            assertAnswered(in, "a later request on the kept-alive connection");
        }
    }
}
