package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.message.ListEventsReply;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection: reassembles text messages, serialises sends (the JDK WebSocket
 * allows one outstanding send) and pairs {@code listEvents} replies with their requests, which
 * the server answers in order (SES-11). Everything it receives goes to its {@link Handler}.
 */
final class LiveConnection implements WebSocket.Listener {
    /** Where a connection reports; called on the HTTP client's threads. */
    interface Handler {
        void onText(LiveConnection connection, String text);

        void onClosed(LiveConnection connection, int code, String reason);

        void onFailure(LiveConnection connection, Throwable error);
    }

    private static final int NO_STATUS = 1005;

    private final Handler handler;
    private final StringBuilder partial = new StringBuilder();
    private final Deque<CompletableFuture<ListEventsReply>> pendingLists = new ArrayDeque<>();
    private volatile WebSocket socket;
    private volatile String sessionId;
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);

    LiveConnection(Handler handler) {
        this.handler = handler;
    }

    /** The session id once {@code welcome} arrived, else null. */
    String sessionId() {
        return sessionId;
    }

    void welcomed(String id) {
        this.sessionId = id;
    }

    boolean isWelcomed() {
        return sessionId != null;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            handler.onText(this, text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        // The protocol is text-only; a binary frame carries nothing for us.
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        handler.onClosed(this, statusCode == -1 ? NO_STATUS : statusCode, reason == null ? "" : reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        handler.onFailure(this, error);
    }

    /** Queues a text message behind the ones already being sent. */
    synchronized CompletableFuture<?> send(String text) {
        WebSocket ws = socket;
        if (ws == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not open"));
        }
        sendTail = sendTail.handle((ignored, error) -> null).thenCompose(ignored -> ws.sendText(text, true));
        return sendTail;
    }

    /** Sends {@code listEvents}; the reply completes the returned future. */
    CompletableFuture<ListEventsReply> listEvents(String request) {
        CompletableFuture<ListEventsReply> reply = new CompletableFuture<>();
        synchronized (this) {
            pendingLists.addLast(reply);
            send(request).whenComplete((ignored, error) -> {
                if (error != null) {
                    reply.completeExceptionally(error);
                }
            });
        }
        return reply;
    }

    /** Completes the oldest waiting {@code listEvents}; a timed-out one still takes its reply. */
    void listEventsReply(ListEventsReply reply) {
        CompletableFuture<ListEventsReply> waiting;
        synchronized (this) {
            waiting = pendingLists.pollFirst();
        }
        if (waiting != null) {
            waiting.complete(reply);
        }
    }

    /** Fails every waiting request: the connection is gone. */
    void failPending(Throwable cause) {
        synchronized (this) {
            pendingLists.forEach(f -> f.completeExceptionally(cause));
            pendingLists.clear();
        }
    }

    /** Closes politely (close frame, waiting briefly for it to be written), then drops the TCP connection. */
    void close(int code, String reason) {
        WebSocket ws = socket;
        if (ws == null) {
            return;
        }
        try {
            ws.sendClose(code, reason).get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Already broken or closing: abort below is all that is left to do.
        }
        ws.abort();
    }

    /** Drops the connection without a close frame. */
    void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    /** Adopts the socket when the handshake future completes before {@link #onOpen} ran. */
    void adopt(WebSocket webSocket) {
        if (socket == null) {
            socket = webSocket;
        }
    }
}
