package dev.neuroinfo.ws.war;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Open WebSocket clients that each record how the server ended their connection. */
final class ClosingClients implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebSocket> sockets = new ArrayList<>();
    private final List<CompletableFuture<Integer>> closes = new ArrayList<>();

    /** Opens {@code count} connections with the token. */
    ClosingClients(URI ws, String token, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            sockets.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(ws, new Recorder(closed)).get(10, TimeUnit.SECONDS));
            closes.add(closed);
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

    @Override
    public void close() {
        sockets.forEach(WebSocket::abort);
    }

    private static final class Recorder implements WebSocket.Listener {
        private final CompletableFuture<Integer> closed;

        Recorder(CompletableFuture<Integer> closed) {
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
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
            closed.complete(StalledSubscriber.NO_CLOSE_FRAME);
        }
    }
}
