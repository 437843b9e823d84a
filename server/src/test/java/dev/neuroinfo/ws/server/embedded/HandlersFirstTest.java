package dev.neuroinfo.ws.server.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.TwoPorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request that arrives while a starting server maps its handlers: with Grizzly's own start the
 * listener is open by then and the request gets 404; with {@link HandlersFirst} nothing listens
 * until the handlers are mapped. The handler holds the mapping up (Grizzly asks its name while
 * mapping it) until the test has sent its request.
 */
class HandlersFirstTest {
    private static final String HOST = "127.0.0.1";

    private final CountDownLatch mapping = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean armed;
    private HttpServer http;
    private int port;

    @BeforeEach
    void server() throws IOException {
        port = TwoPorts.freePair(HOST);
        http = HttpServer.createSimpleServer(null, HOST, port);
        http.getServerConfiguration().addHttpHandler(new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws IOException {
                response.getWriter().write("mapped");
            }

            @Override
            public String getName() {
                if (armed) {
                    mapping.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return "test";
            }
        }, "/");
        armed = true;
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.shutdownNow();
    }

    @Test
    void nothingListensUntilTheHandlersAreMapped() throws Exception {
        Thread starter = startInBackground(() -> HandlersFirst.start(http));
        assertTrue(mapping.await(10, TimeUnit.SECONDS), "the start maps the handler");
        assertEquals(0, status(), "no answer while the handlers are mapped: nothing listens yet");
        release.countDown();
        starter.join(10_000);
        assertEquals(200, status());
    }

    /** What the test guards against, so that it cannot pass for a reason of its own. */
    @Test
    void grizzlysOwnStartAnswers404MeanwhileForWhatItHasNotMappedYet() throws Exception {
        Thread starter = startInBackground(http::start);
        assertTrue(mapping.await(10, TimeUnit.SECONDS), "the start maps the handler");
        assertEquals(404, status());
        release.countDown();
        starter.join(10_000);
        assertEquals(200, status());
    }

    private interface Start {
        void run() throws IOException;
    }

    private static Thread startInBackground(Start start) {
        Thread starter = new Thread(() -> {
            try {
                start.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        starter.start();
        return starter;
    }

    /** The status of one GET / on a new connection; 0 when nothing accepted it. */
    private int status() {
        try (Socket socket = new Socket(HOST, port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return statusLine == null ? 0 : Integer.parseInt(statusLine.substring(9, 12));
        } catch (IOException refused) {
            return 0;
        }
    }
}
