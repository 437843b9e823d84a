package dev.neuroinfo.ws.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/** Configures a {@link NeuroInfoClient}. Not thread-safe; build once. */
public final class NeuroInfoClientBuilder {
    private URI webSocketUrl;
    private URI httpBaseUrl;
    private String token;
    private AuthMethod authMethod = AuthMethod.TICKET;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Executor callbackExecutor;
    private boolean autoReconnect = true;
    private ReconnectPolicy reconnectPolicy = ReconnectPolicy.defaults();
    private RandomGenerator random = RandomGenerator.getDefault();
    private final List<ConnectionListener> connectionListeners = new ArrayList<>();

    NeuroInfoClientBuilder() {
    }

    /** The WebSocket endpoint, e.g. {@code wss://example.net:8081/api/ws}. Required. */
    public NeuroInfoClientBuilder webSocketUrl(String url) {
        return webSocketUrl(URI.create(Objects.requireNonNull(url, "url")));
    }

    /** The WebSocket endpoint. Required. */
    public NeuroInfoClientBuilder webSocketUrl(URI url) {
        this.webSocketUrl = Objects.requireNonNull(url, "url");
        return this;
    }

    /**
     * The HTTP API's base URL, where the ticket endpoint is. Default: derived from the
     * WebSocket URL, port minus one ({@code ws://h:8081/api/ws} gives {@code http://h:8080},
     * {@code wss} gives {@code https}); without a port in the URL, the same host and port.
     */
    public NeuroInfoClientBuilder httpBaseUrl(String url) {
        return httpBaseUrl(URI.create(Objects.requireNonNull(url, "url")));
    }

    /** The HTTP API's base URL. */
    public NeuroInfoClientBuilder httpBaseUrl(URI url) {
        this.httpBaseUrl = Objects.requireNonNull(url, "url");
        return this;
    }

    /** The API token. Required. */
    public NeuroInfoClientBuilder token(String apiToken) {
        this.token = Objects.requireNonNull(apiToken, "token");
        return this;
    }

    /** How the token is presented; default {@link AuthMethod#TICKET}. */
    public NeuroInfoClientBuilder authMethod(AuthMethod method) {
        this.authMethod = Objects.requireNonNull(method, "method");
        return this;
    }

    /** Bounds one connection attempt, from the ticket request to {@code welcome}; default 10 s. */
    public NeuroInfoClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return this;
    }

    /** Bounds the wait for a {@code listEvents} reply; default 10 s. */
    public NeuroInfoClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "requestTimeout");
        return this;
    }

    /**
     * Where listeners run. Default: one thread owned by the client (listeners never overlap
     * and see events in order). A multi-threaded executor gives up that ordering. The client
     * never shuts down an executor given here.
     */
    public NeuroInfoClientBuilder callbackExecutor(Executor executor) {
        this.callbackExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /** Whether a lost session is re-established automatically; default true. */
    public NeuroInfoClientBuilder autoReconnect(boolean enabled) {
        this.autoReconnect = enabled;
        return this;
    }

    /** Backoff and attempt limit of automatic reconnection; default {@link ReconnectPolicy#defaults()}. */
    public NeuroInfoClientBuilder reconnectPolicy(ReconnectPolicy policy) {
        this.reconnectPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** The source of reconnect jitter; for reproducible tests. */
    public NeuroInfoClientBuilder random(RandomGenerator generator) {
        this.random = Objects.requireNonNull(generator, "generator");
        return this;
    }

    /** Adds a connection listener (more can be added later on the client). */
    public NeuroInfoClientBuilder connectionListener(ConnectionListener listener) {
        connectionListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Builds the client; it does not connect yet.
     *
     * @throws IllegalArgumentException when the URL or token is missing or unusable
     */
    public NeuroInfoClient build() {
        if (webSocketUrl == null) {
            throw new IllegalArgumentException("webSocketUrl is required");
        }
        String scheme = webSocketUrl.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme) || webSocketUrl.getHost() == null) {
            throw new IllegalArgumentException("webSocketUrl must be ws://host[:port]/path or wss://..., was "
                    + webSocketUrl);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token is required");
        }
        URI http = httpBaseUrl != null ? httpBaseUrl : Settings.deriveHttpBase(webSocketUrl);
        if (!"http".equalsIgnoreCase(http.getScheme()) && !"https".equalsIgnoreCase(http.getScheme())
                || http.getHost() == null) {
            throw new IllegalArgumentException("httpBaseUrl must be http(s)://host[:port], was " + http);
        }
        Settings settings = new Settings(webSocketUrl, http, token.strip(), authMethod, connectTimeout,
                requestTimeout, autoReconnect, reconnectPolicy);
        return new NeuroInfoClient(settings, callbackExecutor, List.copyOf(connectionListeners), random);
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
