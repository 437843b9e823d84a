package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.ApiUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Configures a {@link NeuroInfoClient}. Not thread-safe; build once. Every setter checks its
 * value at once and throws {@link IllegalArgumentException} saying what is wrong (a token is
 * never part of the message).
 */
public final class NeuroInfoClientBuilder {
    /** No timeout may be longer: a day is already far beyond any useful wait. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    private URI webSocketUrl;
    private URI httpBaseUrl;
    private String token;
    private AuthMethod authMethod = AuthMethod.TICKET;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Executor callbackExecutor;
    private boolean autoReconnect = true;
    private boolean retryInitialConnect;
    private boolean latestStateOnConnect;
    private PositionStore positionStore;
    private ReconnectPolicy reconnectPolicy = ReconnectPolicy.defaults();
    private RandomGenerator random = RandomGenerator.getDefault();
    private final List<ConnectionListener> connectionListeners = new ArrayList<>();

    NeuroInfoClientBuilder() {
    }

    /** The WebSocket endpoint, e.g. {@code wss://example.net/api/ws}. Required. */
    public NeuroInfoClientBuilder webSocketUrl(String url) {
        return webSocketUrl(parse(url, "webSocketUrl"));
    }

    /** The WebSocket endpoint: {@code ws://} or {@code wss://}, no fragment. Required. */
    public NeuroInfoClientBuilder webSocketUrl(URI url) {
        this.webSocketUrl = checked("webSocketUrl", () -> ApiUrls.requireWebSocketUrl(url));
        return this;
    }

    /**
     * The HTTP API's base URL, below which {@code /api/ws/ticket} is; only {@link AuthMethod#TICKET}
     * uses it. Default: the WebSocket URL's own origin and context path ({@code wss://h/ctx/api/ws}
     * gives {@code https://h/ctx}, see {@link ApiUrls}). A server whose HTTP API listens on another
     * port than its WebSocket endpoint (the embedded launcher: 8080 and 8081) needs it named:
     * {@code httpBaseUrl("http://h:8080")}.
     */
    public NeuroInfoClientBuilder httpBaseUrl(String url) {
        return httpBaseUrl(parse(url, "httpBaseUrl"));
    }

    /** The HTTP API's base URL: {@code http(s)://host[:port][/context]}. */
    public NeuroInfoClientBuilder httpBaseUrl(URI url) {
        this.httpBaseUrl = checked("httpBaseUrl", () -> ApiUrls.requireHttpBase(url));
        return this;
    }

    /** The API token. Required; surrounding whitespace is dropped. */
    public NeuroInfoClientBuilder token(String apiToken) {
        this.token = Tokens.check(apiToken);
        return this;
    }

    /** How the token is presented; default {@link AuthMethod#TICKET}. */
    public NeuroInfoClientBuilder authMethod(AuthMethod method) {
        this.authMethod = present(method, "authMethod");
        return this;
    }

    /** Bounds one connection attempt, from the ticket request to {@code welcome}; default 10 s. */
    public NeuroInfoClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout(timeout, "connectTimeout");
        return this;
    }

    /** Bounds the wait for a {@code listEvents} reply; default 10 s. */
    public NeuroInfoClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = timeout(timeout, "requestTimeout");
        return this;
    }

    /**
     * Where listeners run. Default: one thread owned by the client (listeners never overlap
     * and see events in order). A multi-threaded executor gives up that ordering. The client
     * never shuts down an executor given here.
     */
    public NeuroInfoClientBuilder callbackExecutor(Executor executor) {
        this.callbackExecutor = present(executor, "callbackExecutor");
        return this;
    }

    /** Whether a lost session is re-established automatically; default true. */
    public NeuroInfoClientBuilder autoReconnect(boolean enabled) {
        this.autoReconnect = enabled;
        return this;
    }

    /**
     * On a first connect to a server that offers recovery (docs/protocol.md, REC), hands the
     * latest event of each subscribed type to its listeners before any live event, so a client
     * starting now learns the current state at once. Off by default. After a reconnect the client
     * recovers missed events whatever this says.
     */
    public NeuroInfoClientBuilder latestStateOnConnect(boolean enabled) {
        this.latestStateOnConnect = enabled;
        return this;
    }

    /**
     * Keeps the client's position in the server's history in {@code store}, so that the application,
     * started again, gets the events of its listeners' types published while it was not running,
     * once each and in order, before the live ones (with a server that offers the recovery
     * extension, docs/protocol.md REC). The position is loaded by {@link #build()} and saved after
     * the listeners of each event have returned: an event whose listeners had not finished when the
     * process stopped is delivered again, none is lost. When the server's history no longer holds
     * the events after the stored position (too old, or the server lost its history: another
     * epoch), {@link ConnectionListener#eventsMissed} says so and the latest event of each type
     * follows. Unset by default: the position lives as long as the client.
     */
    public NeuroInfoClientBuilder positionStore(PositionStore store) {
        this.positionStore = present(store, "positionStore");
        return this;
    }

    /**
     * Whether {@link NeuroInfoClient#connect()} keeps trying, under the same
     * {@link ReconnectPolicy}, while the server cannot be reached or answers with a failure a
     * retry may fix (network, timeout, 408, 429, 5xx); default false. A refused credential (401)
     * and other refusals a retry cannot fix still fail {@code connect()} at once. For services
     * that may start before the server. Off by default because {@code connect()} is where a
     * wrong URL shows: with retrying on and unlimited attempts, a typo in the host or port is
     * retried for ever (each attempt is reported to {@link ConnectionListener#error}).
     */
    public NeuroInfoClientBuilder retryInitialConnect(boolean enabled) {
        this.retryInitialConnect = enabled;
        return this;
    }

    /**
     * Backoff and attempt limit of automatic reconnection and of {@link #retryInitialConnect};
     * default {@link ReconnectPolicy#defaults()}.
     */
    public NeuroInfoClientBuilder reconnectPolicy(ReconnectPolicy policy) {
        this.reconnectPolicy = present(policy, "reconnectPolicy");
        return this;
    }

    /** The source of reconnect jitter; for reproducible tests. */
    public NeuroInfoClientBuilder random(RandomGenerator generator) {
        this.random = present(generator, "random");
        return this;
    }

    /** Adds a connection listener (more can be added later on the client). */
    public NeuroInfoClientBuilder connectionListener(ConnectionListener listener) {
        connectionListeners.add(present(listener, "connectionListener"));
        return this;
    }

    /**
     * Builds the client; it does not connect yet.
     *
     * @throws IllegalArgumentException when the URL or token is missing, or the ticket endpoint
     *                                  cannot be derived from the WebSocket URL
     * @throws UncheckedIOException     when the {@link #positionStore} cannot be read, or holds
     *                                  something that is not a position
     */
    public NeuroInfoClient build() {
        if (webSocketUrl == null) {
            throw new IllegalArgumentException("webSocketUrl is required");
        }
        if (token == null) {
            throw new IllegalArgumentException("token is required");
        }
        URI http = httpBaseUrl;
        if (http == null && authMethod == AuthMethod.TICKET) {
            http = checked("httpBaseUrl", () -> ApiUrls.httpBaseOf(webSocketUrl));
        }
        Settings settings = new Settings(webSocketUrl, http, authMethod, connectTimeout, requestTimeout,
                autoReconnect, retryInitialConnect, reconnectPolicy, latestStateOnConnect, positionStore);
        return new NeuroInfoClient(settings, token, callbackExecutor, List.copyOf(connectionListeners), random,
                restoredPosition());
    }

    private Optional<EventPosition> restoredPosition() {
        if (positionStore == null) {
            return Optional.empty();
        }
        try {
            return positionStore.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored position: " + e.getMessage(), e);
        }
    }

    private static URI parse(String url, String name) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    /** Runs a check of {@link ApiUrls}, naming the builder option in its message. */
    private static URI checked(String name, java.util.function.Supplier<URI> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static <T> T present(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    private static Duration timeout(Duration value, String name) {
        present(value, name);
        if (value.isNegative() || value.isZero() || value.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + " must be positive and at most " + MAX_TIMEOUT + ", was " + value);
        }
        return value;
    }
}
