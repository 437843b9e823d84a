package dev.neuroinfo.ws.war;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Open WebSocket clients that each record how the server ended their connection. */
final class ClosingClients implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebSocket> sockets = new ArrayList<>();
    private final List<CompletableFuture<Integer>> closes = new ArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /**
     * Opens {@code count} connections with the token, each open once its welcome arrived: after
     * the 101, the server registers a connection only when the container opens its endpoint.
     */
    ClosingClients(URI ws, String token, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            CompletableFuture<Void> welcomed = new CompletableFuture<>();
            sockets.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(ws, new Recorder(welcomed, closed, errors)).get(10, TimeUnit.SECONDS));
            closes.add(closed);
            welcomed.get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The close code each connection ended with, in opening order; {@link StalledSubscriber#NO_CLOSE_FRAME}
     * for a connection that ended without a close frame.
     *
     * @throws java.util.concurrent.TimeoutException when a connection stays open for {@code seconds}
     */
    List<Integer> closeCodes(int seconds) throws Exception {
        List<Integer> codes = new ArrayList<>();
        for (CompletableFuture<Integer> closed : closes) {
            codes.add(closed.get(seconds, TimeUnit.SECONDS));
        }
        return codes;
    }

    /** How the connections that ended without a close frame failed, for a test's message. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        sockets.forEach(WebSocket::abort);
    }

    private static final class Recorder implements WebSocket.Listener {
        private final CompletableFuture<Void> welcomed;
        private final CompletableFuture<Integer> closed;
        private final List<String> errors;

        Recorder(CompletableFuture<Void> welcomed, CompletableFuture<Integer> closed, List<String> errors) {
            this.welcomed = welcomed;
            this.closed = closed;
            this.errors = errors;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            welcomed.complete(null);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            errors.add(error.toString());
            closed.complete(StalledSubscriber.NO_CLOSE_FRAME);
        }
    }
}
