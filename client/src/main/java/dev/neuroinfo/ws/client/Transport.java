package dev.neuroinfo.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.ApiUrls;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The network side of a connection attempt: the ticket request and the WebSocket handshake,
 * both on one JDK {@link HttpClient} whose executor this class owns, with every failure turned
 * into a {@link NeuroInfoConnectException}.
 */
final class Transport {
    private static final System.Logger LOG = System.getLogger(Transport.class.getName());
    private static final int MAX_SHOWN_BODY = 500;

    private final Settings settings;
    private final MessageCodec codec;
    private final ExecutorService executor;
    private volatile HttpClient http;
    // Whether the ticket endpoint and the WebSocket URL have served this client: a later 404 from
    // either is then a server on its way back, not a wrong URL, and its message must not send the
    // user to the setup. One flag per endpoint is enough: a client's URLs never change.
    private volatile boolean ticketServed;
    private volatile boolean handshakeServed;

    Transport(Settings settings, MessageCodec codec, ClientThreads threads) {
        this.settings = settings;
        this.codec = codec;
        this.executor = Executors.newCachedThreadPool(threads);
        this.http = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(settings.connectTimeout())
                // WebSocket is HTTP/1.1; an h2c upgrade offer on the ticket request only costs a round of headers.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The URI of the next handshake; with {@link AuthMethod#TICKET} a fresh ticket is fetched
     * first, with {@code token}.
     */
    CompletableFuture<URI> target(String token) {
        if (settings.authMethod() != AuthMethod.TICKET) {
            return CompletableFuture.completedFuture(settings.webSocketUrl());
        }
        return fetchTicket(token).thenApply(ticket -> withTicket(settings.webSocketUrl(), ticket));
    }

    /** Starts the handshake ({@code token} is sent only with {@link AuthMethod#HEADER}); fails with a {@link NeuroInfoConnectException}. */
    CompletableFuture<WebSocket> open(URI uri, WebSocket.Listener listener, String token) {
        WebSocket.Builder builder = client().newWebSocketBuilder().connectTimeout(settings.connectTimeout());
        if (settings.authMethod() == AuthMethod.HEADER) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(uri, listener)
                .handle((socket, error) -> {
                    if (error != null) {
                        throw new CompletionException(classifyHandshake(error));
                    }
                    handshakeServed = true;
                    return socket;
                });
    }

    /**
     * {@code GET uri} with the API token as a Bearer header, bounded by the request timeout; the
     * answer whatever its status, or a network failure.
     */
    CompletableFuture<HttpResponse<String>> getWithToken(URI uri, String token) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return client().sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private CompletableFuture<String> fetchTicket(String token) {
        URI ticketUri = ApiUrls.ticketUrl(settings.httpBaseUrl());
        HttpRequest request = HttpRequest.newBuilder(ticketUri)
                .timeout(settings.connectTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        return client().sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(networkFailure("ticket request to " + ticketUri, ticketUri, error));
                    }
                    return ticketFrom(ticketUri, response);
                });
    }

    private String ticketFrom(URI ticketUri, HttpResponse<String> response) {
        JsonNode body = codec.parse(response.body()).orElse(null);
        if (response.statusCode() == 200) {
            JsonNode ticket = body == null ? null : body.path("data").get("ticket");
            if (ticket == null || !ticket.isTextual() || ticket.textValue().isEmpty()) {
                throw new CompletionException(NeuroInfoConnectException.protocol(
                        "ticket endpoint answered 200 without data.ticket"));
            }
            ticketServed = true;
            return ticket.textValue();
        }
        JsonNode error = body == null ? null : body.get("error");
        String code = error != null && error.path("code").isTextual() ? error.get("code").textValue() : null;
        String message = error != null && error.path("message").isTextual() ? error.get("message").textValue()
                : shorten(response.body());
        throw new CompletionException(NeuroInfoConnectException.ticketRefused(ticketUri, response.statusCode(), code,
                message, ticketServed));
    }

    private static URI withTicket(URI webSocketUrl, String ticket) {
        String encoded = URLEncoder.encode(ticket, StandardCharsets.UTF_8);
        String url = webSocketUrl.toString();
        return URI.create(url + (webSocketUrl.getRawQuery() == null ? "?" : "&") + "ticket=" + encoded);
    }

    /** Names the URL without a ticket: a ticket is a credential and never goes into a message. */
    private NeuroInfoConnectException classifyHandshake(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof NeuroInfoConnectException known) {
            return known;
        }
        if (cause instanceof WebSocketHandshakeException refused) {
            HttpResponse<?> response = refused.getResponse();
            return NeuroInfoConnectException.handshakeRefused(response.statusCode(), bodyText(response.body()),
                    handshakeServed);
        }
        return networkFailure("WebSocket handshake with " + settings.webSocketUrl(), settings.webSocketUrl(), cause);
    }

    /** {@code what} names the exchange, e.g. {@code ticket request to URL}; {@code target} is where it went. */
    private static NeuroInfoConnectException networkFailure(String what, URI target, Throwable error) {
        Throwable cause = unwrap(error);
        String message = what + " failed: " + NetworkFailures.describe(cause, target);
        return cause instanceof HttpTimeoutException ? NeuroInfoConnectException.timeout(message)
                : NeuroInfoConnectException.network(message, cause);
    }

    /** The refusal's body: the JDK reads it as bytes; the server sends UTF-8 plain text. */
    private static String bodyText(Object body) {
        if (body instanceof byte[] bytes) {
            return shorten(new String(bytes, StandardCharsets.UTF_8));
        }
        return body == null ? "" : shorten(body.toString());
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        // A single trailing line break is tolerated by the protocol (HS-13); it is not part of the text.
        String trimmed = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return trimmed.length() <= MAX_SHOWN_BODY ? trimmed : trimmed.substring(0, MAX_SHOWN_BODY) + "...";
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            throw new CompletionException(NeuroInfoConnectException.closed());
        }
        return client;
    }

    /**
     * Stops the executor and lets go of the HttpClient. On Java 21 and later the client is shut
     * down at once; on Java 17 its selector thread ends by itself once the client is unreachable.
     */
    void close() {
        HttpClient client = http;
        http = null;
        if (client != null) {
            shutdownNowIfSupported(client);
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "HTTP client threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code HttpClient.shutdownNow()} exists from Java 21; this library targets 17. */
    private static void shutdownNowIfSupported(HttpClient client) {
        try {
            Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
            shutdownNow.invoke(client);
        } catch (NoSuchMethodException e) {
            // Java 17 to 20: nothing to call.
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "HttpClient.shutdownNow failed", e);
        }
    }

    /** For failures outside the handshake proper (e.g. a broken connection before welcome). */
    NeuroInfoConnectException asConnectException(String what, Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof NeuroInfoConnectException known ? known
                : networkFailure(what + " with " + settings.webSocketUrl(), settings.webSocketUrl(), cause);
    }
}
