package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.ApiUrls;
import dev.neuroinfo.ws.protocol.recovery.HistoryPage;
import dev.neuroinfo.ws.protocol.recovery.LatestState;
import dev.neuroinfo.ws.protocol.recovery.RecoveryApi;
import java.net.URI;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.InvalidReason;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.codec.ServerDecoding;
import dev.neuroinfo.ws.protocol.message.AddEvent;
import dev.neuroinfo.ws.protocol.message.AddSuccess;
import dev.neuroinfo.ws.protocol.message.Auth;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.message.Invalid;
import dev.neuroinfo.ws.protocol.message.ListEventsReply;
import dev.neuroinfo.ws.protocol.message.ListEventsRequest;
import dev.neuroinfo.ws.protocol.message.MessageTypes;
import dev.neuroinfo.ws.protocol.message.RemoveEvent;
import dev.neuroinfo.ws.protocol.message.RemoveSuccess;
import dev.neuroinfo.ws.protocol.message.ServerMessage;
import dev.neuroinfo.ws.protocol.message.Welcome;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * A client of the NeuroInfo WebSocket API.
 *
 * <pre>{@code
 * try (NeuroInfoClient client = NeuroInfoClient.builder()
 *         .webSocketUrl("wss://example.net/api/ws")
 *         .token(System.getenv("NEUROINFO_TOKEN"))
 *         .build()) {
 *     client.on(EventType.STREAM_ONLINE, StreamOnline.class, (live, timestamp) -> System.out.println(live.title()));
 *     client.connectAndWait();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Subscriptions follow listeners.</b> Registering the first listener of an event type
 * subscribes the connection to it; cancelling the last unsubscribes. Listeners may be registered
 * before {@link #connect()}; every subscription is restored after a reconnect.
 *
 * <p><b>Reconnecting.</b> {@link #connect()} makes one attempt and reports its outcome, or, with
 * {@link NeuroInfoClientBuilder#retryInitialConnect}, keeps trying under the
 * {@link ReconnectPolicy} until the server answers. Once a session has started, losing it starts
 * automatic reconnection under the same policy (a fresh ticket per attempt); a 404 is retried
 * then too, since the URL served a session before. A refused credential (401) stops retrying at
 * once; so does the attempt limit or a refusal a retry cannot fix;
 * {@link ConnectionListener#reconnectFailed} says why. Nothing reconnects after {@link #close()}.
 *
 * <p><b>Recovery.</b> With a server that offers the recovery extension (docs/protocol.md, REC),
 * listeners get, after a reconnect, every event of their types published while the client was
 * away, once each and in order, then the live ones; when the server's history no longer holds
 * them, {@link ConnectionListener#eventsMissed} says so and the latest event of each type
 * follows. With other servers events simply resume. The position lives as long as the client
 * unless a {@link NeuroInfoClientBuilder#positionStore} keeps it across runs of the application.
 *
 * <p><b>Threads.</b> All methods are thread-safe. Listeners run on the callback executor (by
 * default one thread of this client, so they never run concurrently and see events in order).
 * {@link #close()} stops every thread the client created.
 */
public final class NeuroInfoClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NeuroInfoClient.class.getName());
    private static final int NORMAL_CLOSURE = 1000;
    private static final int ABNORMAL_CLOSURE = 1006;

    private enum State { IDLE, CONNECTING, CONNECTED, RECONNECTING, CLOSED }

    private final Settings settings;
    private final MessageCodec codec = new MessageCodec();
    private final Transport transport;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService ownedCallbackExecutor;
    private final Dispatcher dispatcher;
    private final Registry registry = new Registry();
    private final CatchUp catchUp;
    private final RandomGenerator random;

    private final Object lock = new Object();
    // Everything below is guarded by lock.
    private State state = State.IDLE;
    private LiveConnection connection;
    private CompletableFuture<String> pendingConnect;
    private ScheduledFuture<?> timer;
    private int attempt;
    // Read when an attempt starts; written by setToken.
    private volatile String token;

    NeuroInfoClient(Settings settings, String token, Executor callbacks, List<ConnectionListener> listeners,
            RandomGenerator random, Optional<EventPosition> restored) {
        this.settings = settings;
        this.token = token;
        int id = ClientThreads.nextClientId();
        this.transport = new Transport(settings, codec, ClientThreads.of(id, "io"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(ClientThreads.of(id, "timer"));
        this.ownedCallbackExecutor = callbacks == null
                ? Executors.newSingleThreadExecutor(ClientThreads.of(id, "callbacks")) : null;
        this.dispatcher = new Dispatcher(callbacks == null ? ownedCallbackExecutor : callbacks, listeners);
        this.catchUp = new CatchUp(this::deliver, dispatcher::eventsMissed,
                settings.positionStore() == null ? position -> { } : new PositionSaver(settings.positionStore(), dispatcher),
                restored);
        this.random = random;
    }

    /** A builder; {@link NeuroInfoClientBuilder#webSocketUrl} and {@link NeuroInfoClientBuilder#token} are required. */
    public static NeuroInfoClientBuilder builder() {
        return new NeuroInfoClientBuilder();
    }

    // ---------------------------------------------------------------- connecting

    /**
     * Connects, unless connected already. Completes with the session id when the server's
     * {@code welcome} arrives; fails with the {@link NeuroInfoConnectException} saying what
     * refused the attempt (the exception itself, not wrapped). While a reconnect is under way,
     * completes when it succeeds. Completes on one of the client's I/O threads: a dependent stage
     * that blocks holds up receiving, so move blocking work elsewhere ({@code thenApplyAsync}).
     */
    public CompletionStage<String> connect() {
        synchronized (lock) {
            switch (state) {
                case CLOSED:
                    return CompletableFuture.failedFuture(NeuroInfoConnectException.closed());
                case CONNECTED:
                    return CompletableFuture.completedFuture(connection.sessionId());
                case CONNECTING:
                case RECONNECTING:
                    return relay(pendingConnect);
                default:
                    state = State.CONNECTING;
                    attempt = 0;
                    pendingConnect = new CompletableFuture<>();
                    startAttempt();
                    return relay(pendingConnect);
            }
        }
    }

    /**
     * {@link #connect()} and waits for its outcome.
     *
     * @return the session id
     * @throws NeuroInfoConnectException saying what refused the attempt
     * @throws InterruptedException      when the waiting thread is interrupted (the attempt goes on)
     */
    public String connectAndWait() throws InterruptedException {
        try {
            return connect().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof NeuroInfoConnectException known ? known
                    : new IllegalStateException("connect failed unexpectedly", e.getCause());
        }
    }

    /** A caller's own view of the pending connect, failing with the cause itself rather than a CompletionException. */
    private static CompletableFuture<String> relay(CompletableFuture<String> pending) {
        CompletableFuture<String> view = new CompletableFuture<>();
        pending.whenComplete((sessionId, error) -> {
            if (error == null) {
                view.complete(sessionId);
            } else {
                view.completeExceptionally(Transport.unwrap(error));
            }
        });
        return view;
    }

    /**
     * Replaces the API token. The open session, if any, goes on as it is; every attempt from now
     * on (a reconnect, or a {@link #connect()} after reconnecting gave up) uses the new token. So
     * a token revoked while connected is replaced without losing more than the reconnect.
     *
     * @throws IllegalArgumentException when the token is missing or malformed, as in the builder
     */
    public void setToken(String apiToken) {
        token = Tokens.check(apiToken);
    }

    /** Whether a session is open now. */
    public boolean isConnected() {
        synchronized (lock) {
            return state == State.CONNECTED;
        }
    }

    /** The current session's id, empty while not connected. */
    public Optional<String> sessionId() {
        synchronized (lock) {
            return state == State.CONNECTED ? Optional.of(connection.sessionId()) : Optional.empty();
        }
    }

    /** Called under lock: one attempt, ticket to welcome, bounded by the connect timeout, with the token of now. */
    private void startAttempt() {
        LiveConnection attemptConnection = new LiveConnection(new Handler());
        String attemptToken = token;
        connection = attemptConnection;
        timer = scheduler.schedule(() -> attemptFailed(attemptConnection, NeuroInfoConnectException.timeout(
                "no welcome within " + settings.connectTimeout().toMillis() + " ms")),
                settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        transport.target(attemptToken)
                .thenCompose(uri -> transport.open(uri, attemptConnection, attemptToken))
                .whenComplete((socket, error) -> opened(attemptConnection, attemptToken, socket, error));
    }

    private void opened(LiveConnection attemptConnection, String attemptToken, WebSocket socket, Throwable error) {
        if (error != null) {
            attemptFailed(attemptConnection, transport.asConnectException("connection attempt", error));
            return;
        }
        attemptConnection.adopt(socket);
        synchronized (lock) {
            if (connection != attemptConnection) {
                // Closed or timed out meanwhile: this socket belongs to nobody.
                socket.abort();
                return;
            }
            if (settings.authMethod() == AuthMethod.IN_BAND) {
                attemptConnection.send(codec.encode(new Auth(attemptToken)));
            }
        }
    }

    private void welcomed(LiveConnection welcomedConnection, String sessionId) {
        CompletableFuture<String> waiting;
        int round;
        synchronized (lock) {
            if (connection != welcomedConnection || state == State.CLOSED || welcomedConnection.isWelcomed()) {
                return;
            }
            cancelTimer();
            welcomedConnection.welcomed(sessionId);
            state = State.CONNECTED;
            attempt = 0;
            for (EventType type : registry.types()) {
                send(welcomedConnection, codec.encode(new AddEvent(type)));
            }
            round = catchUp.begin();
            waiting = pendingConnect;
            pendingConnect = null;
        }
        dispatcher.connected(sessionId);
        if (round > 0) {
            catchUp(welcomedConnection, round);
        }
        if (waiting != null) {
            waiting.complete(sessionId);
        }
    }

    // ---------------------------------------------------------------- recovery

    /**
     * Catches up after a session started (docs/protocol.md, REC-9): once the server has answered a
     * {@code listEvents} sent after the subscriptions, they are in effect and every later event
     * arrives live, so the history is fetched then: the events after the last one handled, or the
     * latest state when there is none (a first connect) or the history cannot give them.
     */
    private void catchUp(LiveConnection session, int round) {
        Optional<EventPosition> from = catchUp.position();
        session.listEvents(codec.encode(new ListEventsRequest()))
                .orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(subscribed -> from.isPresent()
                        ? fetch(historyUri(from.get(), subscribed.subscribedEvents())).thenCompose(body -> {
                            HistoryPage page = codec.decodeHistoryPage(body).orElseThrow(() -> unreadable(body));
                            if (page.recovered()) {
                                catchUp.recovered(round, page);
                                return CompletableFuture.completedFuture(null);
                            }
                            return latest().thenAccept(state -> catchUp.resync(round, state, page.reason(), true));
                        })
                        : latest().thenAccept(state -> catchUp.resync(round, state, Optional.empty(),
                                settings.latestStateOnConnect())))
                .whenComplete((ignored, error) -> {
                    Throwable cause = error == null ? null : Transport.unwrap(error);
                    if (cause != null && !isCurrent(session)) {
                        // The session ended while catching up: the next one catches up from the same place.
                        return;
                    }
                    if (cause instanceof RecoveryUnsupported) {
                        catchUp.unsupported(round);
                    } else if (cause != null) {
                        dispatcher.error(new IllegalStateException("catching up after the reconnect failed: "
                                + cause.getMessage(), cause));
                        catchUp.failed(round);
                    }
                });
    }

    private boolean isCurrent(LiveConnection session) {
        synchronized (lock) {
            return connection == session && state != State.CLOSED;
        }
    }

    private CompletableFuture<LatestState> latest() {
        return fetch(recoveryUri(RecoveryApi.LATEST_PATH))
                .thenApply(body -> codec.decodeLatestState(body).orElseThrow(() -> unreadable(body)));
    }

    private URI historyUri(EventPosition from, List<EventType> types) {
        StringBuilder query = new StringBuilder(RecoveryApi.HISTORY_PATH).append('?')
                .append(RecoveryApi.EPOCH_PARAM).append('=').append(from.epoch()).append('&')
                .append(RecoveryApi.SINCE_PARAM).append('=').append(from.offset());
        types.forEach(type -> query.append('&').append(RecoveryApi.TYPE_PARAM).append('=').append(type.wireName()));
        return recoveryUri(query.toString());
    }

    private URI recoveryUri(String pathAndQuery) {
        URI base = settings.httpBaseUrl() != null ? settings.httpBaseUrl() : ApiUrls.httpBaseOf(settings.webSocketUrl());
        String path = base.toString();
        return URI.create((path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + pathAndQuery);
    }

    /** The body of a 200 answer; 404 means the server does not offer recovery. */
    private CompletableFuture<String> fetch(URI uri) {
        return transport.getWithToken(uri, token).thenApply(response -> {
            if (response.statusCode() == ApiError.AP3.status()) {
                throw new RecoveryUnsupported();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri.getPath() + " answered " + response.statusCode());
            }
            return response.body();
        });
    }

    private static IllegalStateException unreadable(String body) {
        return new IllegalStateException("unreadable recovery answer: " + body.substring(0, Math.min(200, body.length())));
    }

    /** The server answered 404 for a recovery endpoint: it does not offer the extension. */
    private static final class RecoveryUnsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RecoveryUnsupported() {
            super("the server does not offer recovery", null, false, false);
        }
    }

    /**
     * A connection attempt failed. Each failure is reported once: to {@code error} when another
     * attempt follows, to {@code reconnectFailed} when retrying ends with it; a pending
     * {@link #connect()} fails with it when no attempt follows.
     */
    private void attemptFailed(LiveConnection attemptConnection, NeuroInfoConnectException failure) {
        CompletableFuture<String> waiting;
        synchronized (lock) {
            if (connection != attemptConnection || attemptConnection.isWelcomed()) {
                return;
            }
            cancelTimer();
            connection = null;
            attemptConnection.abort();
            if (isRetrying()) {
                if (mayRetry(failure) && settings.reconnectPolicy().allowsAttempt(attempt + 1)) {
                    dispatcher.error(failure);
                    scheduleRetry();
                    return;
                }
                dispatcher.reconnectFailed(failure);
            }
            state = State.IDLE;
            waiting = pendingConnect;
            pendingConnect = null;
        }
        if (waiting != null) {
            waiting.completeExceptionally(failure);
        }
    }

    /**
     * Called under lock: whether another attempt may fix this failure. A 404 fails a first
     * connect, as a wrong URL would (with retryInitialConnect too: nothing says the URL is right,
     * and the default policy would retry a typo for ever). While reconnecting, the same URLs served
     * a session moments before, so a 404 is the server on its way back (a WAR being redeployed, a
     * reverse proxy whose backend is away, a server still starting) and is retried like a 5xx.
     */
    private boolean mayRetry(NeuroInfoConnectException failure) {
        return failure.isRetryable() || state == State.RECONNECTING && failure.isNotFound();
    }

    /**
     * Called under lock: whether a failed attempt may be followed by another. Always after a
     * lost session (autoReconnect); for a first connect only with retryInitialConnect.
     */
    private boolean isRetrying() {
        return state == State.RECONNECTING || state == State.CONNECTING && settings.retryInitialConnect();
    }

    private void connectionLost(LiveConnection lost, int code, String reason, Throwable cause) {
        synchronized (lock) {
            if (connection != lost) {
                return;
            }
            if (!lost.isWelcomed()) {
                attemptFailed(lost, cause != null
                        ? transport.asConnectException("connection before welcome", cause)
                        : NeuroInfoConnectException.protocol("connection closed before welcome: " + code + " " + reason));
                return;
            }
            connection = null;
            lost.abort();
            lost.failPending(NeuroInfoConnectException.network("connection lost",
                    cause != null ? cause : new java.io.EOFException("closed: " + code + " " + reason)));
            dispatcher.disconnected(code, reason);
            if (!settings.autoReconnect()) {
                state = State.IDLE;
                return;
            }
            state = State.RECONNECTING;
            attempt = 0;
            pendingConnect = new CompletableFuture<>();
            scheduleRetry();
        }
    }

    /** Called under lock: the next attempt after the policy's delay, announced by {@code reconnecting}. */
    private void scheduleRetry() {
        attempt++;
        Duration delay = settings.reconnectPolicy().delay(attempt, random);
        dispatcher.reconnecting(attempt, delay);
        timer = scheduler.schedule(() -> {
            synchronized (lock) {
                if ((state == State.RECONNECTING || state == State.CONNECTING) && connection == null) {
                    startAttempt();
                }
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    // ---------------------------------------------------------------- receiving

    /** Receives from the current connection; runs on the HTTP client's threads. */
    private final class Handler implements LiveConnection.Handler {
        @Override
        public void onText(LiveConnection from, String text) {
            dispatcher.rawMessage(text);
            ServerDecoding decoded = codec.decodeServer(text);
            if (decoded instanceof ServerDecoding.Decoded d) {
                handle(from, d.message());
            } else if (isKnownType(text)) {
                dispatcher.error(new IllegalStateException("unreadable server message: "
                        + ((ServerDecoding.Undecodable) decoded).problem()));
            }
            // Messages of types this client does not know are ignored (GEN-3).
        }

        @Override
        public void onClosed(LiveConnection from, int code, String reason) {
            connectionLost(from, code, reason, null);
        }

        @Override
        public void onFailure(LiveConnection from, Throwable error) {
            connectionLost(from, ABNORMAL_CLOSURE, String.valueOf(error.getMessage()), error);
        }
    }

    private boolean isKnownType(String text) {
        return codec.parse(text)
                .map(node -> node.path("type").asText(""))
                .filter(type -> List.of(MessageTypes.WELCOME, MessageTypes.EVENT, MessageTypes.ADD_SUCCESS,
                        MessageTypes.REMOVE_SUCCESS, MessageTypes.LIST_EVENTS, MessageTypes.INVALID).contains(type))
                .isPresent();
    }

    private void handle(LiveConnection from, ServerMessage message) {
        if (message instanceof Welcome welcome) {
            welcomed(from, welcome.sessionId());
        } else if (message instanceof Event event) {
            catchUp.live(event);
        } else if (message instanceof AddSuccess added) {
            if (added.subscribed()) {
                dispatcher.subscribed(added.eventType());
            } else {
                dispatcher.error(new IllegalStateException("the server refused a subscription to " + added.eventType()));
            }
        } else if (message instanceof RemoveSuccess removed) {
            if (removed.unsubscribed()) {
                dispatcher.unsubscribed(removed.eventType());
            } else {
                dispatcher.error(new IllegalStateException("the server refused to unsubscribe " + removed.eventType()));
            }
        } else if (message instanceof ListEventsReply reply) {
            from.listEventsReply(reply);
        } else if (message instanceof Invalid invalid) {
            invalid(from, invalid);
        }
    }

    private void invalid(LiveConnection from, Invalid invalid) {
        if (!from.isWelcomed() && settings.authMethod() == AuthMethod.IN_BAND) {
            attemptFailed(from, NeuroInfoConnectException.authRefused(invalid.reason(), invalid.message()));
            return;
        }
        if (invalid.reason() == InvalidReason.UNAUTHENTICATED) {
            return;
        }
        dispatcher.error(new IllegalStateException("the server answered invalid: " + invalid.reason() + " "
                + invalid.message()));
    }

    /** Hands an event to its type's listeners and streams; called by {@link CatchUp}, once per event, in order. */
    private void deliver(Event event) {
        List<EventListener<? super EventPayload>> targets = registry.listeners(event.eventType());
        registry.streams(event.eventType()).forEach(stream -> stream.offer(event));
        if (!targets.isEmpty()) {
            dispatcher.event(event.eventType(), event.eventData(), event.timestamp(), targets);
        }
    }

    // ---------------------------------------------------------------- listeners

    /**
     * Registers a listener for one event type, its data typed by the payload record:
     * {@code client.on(EventType.STREAM_ONLINE, StreamOnline.class, (live, timestamp) -> live.title())}.
     * The first listener of a type subscribes.
     *
     * @param payloadType the type's record, {@link EventType#payloadType()}
     * @throws IllegalArgumentException when {@code payloadType} is not the type's record
     */
    public <P extends EventPayload> Subscription on(EventType type, Class<P> payloadType,
            EventListener<? super P> listener) {
        requireArgument(type, "type");
        requireArgument(payloadType, "payloadType");
        requireArgument(listener, "listener");
        if (type.payloadType() != payloadType) {
            throw new IllegalArgumentException(type.wireName() + " events carry " + type.payloadType().getSimpleName()
                    + ", not " + payloadType.getSimpleName());
        }
        return register(type, (data, timestamp) -> listener.onEvent(payloadType.cast(data), timestamp), null);
    }

    /**
     * Registers a listener for an event type chosen at run time; it receives the payload record
     * as {@link EventPayload} (see {@link EventType#payloadType()}).
     */
    public Subscription on(EventType type, EventListener<? super EventPayload> listener) {
        requireArgument(type, "type");
        requireArgument(listener, "listener");
        return register(type, listener, null);
    }

    private static void requireArgument(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /**
     * Opens a pull-style stream of the given types' events (see {@link EventStream} for the
     * drop-oldest overflow policy). The stream subscribes like a listener; closing it unsubscribes.
     * An {@link EventHandler} reads its events typed.
     *
     * @param capacity how many events may wait unread
     */
    public EventStream stream(int capacity, EventType... types) {
        if (types == null || types.length == 0 || java.util.Arrays.asList(types).contains(null)) {
            throw new IllegalArgumentException("name at least one event type, and no null");
        }
        EventStream stream = new EventStream(capacity);
        synchronized (lock) {
            if (state == State.CLOSED) {
                stream.end();
                return stream;
            }
            List<Subscription> subscriptions = new ArrayList<>();
            for (EventType type : EnumSet.copyOf(List.of(types))) {
                subscriptions.add(register(type, null, stream));
            }
            stream.attach(subscriptions);
        }
        return stream;
    }

    /** Adds a connection listener. */
    public void addConnectionListener(ConnectionListener listener) {
        requireArgument(listener, "listener");
        dispatcher.add(listener);
    }

    /** Removes a connection listener. */
    public void removeConnectionListener(ConnectionListener listener) {
        dispatcher.remove(listener);
    }

    private Subscription register(EventType type, EventListener<? super EventPayload> listener, EventStream stream) {
        Registry.Entry entry = new Registry.Entry(type, listener, stream);
        synchronized (lock) {
            if (registry.add(entry) && state == State.CONNECTED) {
                send(connection, codec.encode(new AddEvent(type)));
            }
        }
        return new Subscription() {
            @Override
            public EventType eventType() {
                return type;
            }

            @Override
            public void cancel() {
                unregister(entry);
            }

            @Override
            public boolean isActive() {
                return registry.contains(entry);
            }
        };
    }

    private void unregister(Registry.Entry entry) {
        synchronized (lock) {
            if (registry.remove(entry) && state == State.CONNECTED) {
                send(connection, codec.encode(new RemoveEvent(entry.type())));
            }
        }
    }

    private void send(LiveConnection target, String text) {
        target.send(text).whenComplete((ignored, error) -> {
            if (error != null) {
                // The connection is breaking; its close or error callback starts the reconnect.
                LOG.log(System.Logger.Level.DEBUG, "send failed: " + Transport.unwrap(error));
            }
        });
    }

    /**
     * The event types this client is subscribed to (those with at least one listener or stream).
     * While connected, the server holds the same set.
     */
    public Set<EventType> subscribedEvents() {
        synchronized (lock) {
            Set<EventType> types = registry.types();
            return types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
        }
    }

    /**
     * Asks the server for this connection's subscriptions and the events it offers. Fails with
     * {@link IllegalStateException} when not connected, with {@link TimeoutException} after the
     * request timeout, and with a {@link NeuroInfoConnectException} if the connection is lost.
     *
     * <p>Completes on the client's I/O thread that read the reply (the timer thread for a
     * timeout): a dependent stage that blocks holds up receiving, so move blocking work off it
     * ({@code thenApplyAsync(fn, executor)}). Not on the callback executor, deliberately: a
     * listener waiting for this reply would otherwise wait for its own thread.
     */
    public CompletionStage<ListEventsReply> listEvents() {
        LiveConnection current;
        synchronized (lock) {
            if (state != State.CONNECTED) {
                return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
            }
            current = connection;
        }
        CompletableFuture<ListEventsReply> reply = current.listEvents(codec.encode(new ListEventsRequest()));
        ScheduledFuture<?> timeout = scheduleTimeout(reply);
        return reply.whenComplete((r, e) -> {
            if (timeout != null) {
                timeout.cancel(false);
            }
        });
    }

    private ScheduledFuture<?> scheduleTimeout(CompletableFuture<?> reply) {
        try {
            return scheduler.schedule(() -> reply.completeExceptionally(new TimeoutException(
                    "no reply within " + settings.requestTimeout().toMillis() + " ms")),
                    settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            reply.completeExceptionally(NeuroInfoConnectException.closed());
            return null;
        }
    }

    // ---------------------------------------------------------------- closing

    /**
     * Closes the connection (code 1000), ends every {@link EventStream}, fails a pending
     * {@link #connect()}, and stops every thread this client created. Queued callbacks still run
     * (up to 5 s). Idempotent. A callback executor passed to the builder is not shut down.
     */
    @Override
    public void close() {
        LiveConnection open;
        CompletableFuture<String> waiting;
        List<EventStream> ended;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            cancelTimer();
            open = connection;
            connection = null;
            waiting = pendingConnect;
            pendingConnect = null;
            ended = List.copyOf(registry.allStreams());
        }
        if (open != null) {
            open.failPending(NeuroInfoConnectException.closed());
            open.close(NORMAL_CLOSURE, "client closed");
        }
        if (waiting != null) {
            waiting.completeExceptionally(NeuroInfoConnectException.closed());
        }
        ended.forEach(EventStream::end);
        scheduler.shutdownNow();
        transport.close();
        if (ownedCallbackExecutor != null) {
            ownedCallbackExecutor.shutdown();
            awaitCallbacks();
        }
    }

    private void awaitCallbacks() {
        if (Thread.currentThread().getName().startsWith(ClientThreads.PREFIX)) {
            // close() called from a listener: waiting for our own thread would wait forever.
            return;
        }
        try {
            if (!ownedCallbackExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
                ownedCallbackExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            ownedCallbackExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
