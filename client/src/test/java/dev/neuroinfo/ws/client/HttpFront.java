package dev.neuroinfo.ws.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.neuroinfo.ws.protocol.ApiUrls;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP front on 127.0.0.1 for a server's HTTP API, given to the client as its
 * {@code httpBaseUrl}: it forwards every GET to the server, and can be told to answer the next
 * ticket requests with 404 instead, as a reverse proxy does while its backend is away or a
 * container while the WAR is being redeployed.
 */
final class HttpFront implements AutoCloseable {
    private static final byte[] NOT_FOUND = "<html><body><h1>404 Not Found</h1></body></html>"
            .getBytes(StandardCharsets.US_ASCII);

    private final URI backend;
    private final HttpServer server;
    private final HttpClient forwarder = HttpClient.newHttpClient();
    private final AtomicInteger notFoundLeft = new AtomicInteger();
    private final AtomicInteger notFoundAnswered = new AtomicInteger();

    private HttpFront(URI backend) throws IOException {
        this.backend = backend;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A front for the HTTP API at {@code backend} (scheme, host and port; no path). */
    static HttpFront to(URI backend) {
        try {
            return new HttpFront(backend);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL clients use instead of the backend's. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code times} ticket requests are answered 404; later ones are forwarded again. */
    void answerTicketsNotFound(int times) {
        notFoundLeft.set(times);
    }

    /** How many ticket requests were answered 404 so far. */
    int notFoundAnswered() {
        return notFoundAnswered.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (exchange.getRequestURI().getPath().equals(ApiUrls.TICKET_PATH)
                    && notFoundLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                notFoundAnswered.incrementAndGet();
                answer(exchange, 404, "text/html", NOT_FOUND);
                return;
            }
            forward(exchange);
        } finally {
            exchange.close();
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
        for (String header : new String[] {"Authorization", "Accept"}) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = forwarder.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer(exchange, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/octet-stream"), response.body());
        } catch (IOException backendAway) {
            answer(exchange, 502, "text/plain", "backend away".getBytes(StandardCharsets.US_ASCII));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted forwarding", e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
