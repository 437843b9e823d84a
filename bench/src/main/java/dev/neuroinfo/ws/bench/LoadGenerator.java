package dev.neuroinfo.ws.bench;

import dev.neuroinfo.ws.wire.FrameHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Many WebSocket subscribers on one thread: a {@link Selector} over non-blocking channels, each
 * connection a small state machine (connect, handshake, optional subscribe message, receive).
 * Receiving an event records its latency against the publish's send time and against the
 * timestamp in the frame. Everything that touches connection state runs on the selector thread;
 * other threads hand it tasks.
 */
final class LoadGenerator implements AutoCloseable {
    /** Handshakes in flight at once, so that a ramp never overruns the server's accept backlog. */
    private static final int MAX_PENDING = 64;
    private static final byte[] WELCOME = Bytes.ascii("\"welcome\"");
    private static final byte[] ADD_SUCCESS = Bytes.ascii("\"addSuccess\"");

    /**
     * Where subscribers connect.
     *
     * @param authorization the Authorization header value, or null
     * @param subscribeMessage the text to send after the server's first message, or null when
     *     the handshake itself subscribes (nchan)
     */
    record Target(String host, int port, String path, String authorization, String subscribeMessage) {
    }

    /** What one measurement step saw. */
    record StepResult(long eventsReceived, LatencyRecorder.Summary publishToReceive,
            LatencyRecorder.Summary timestampToReceive) {
    }

    private enum State { CONNECTING, HANDSHAKE, AWAIT_FIRST, AWAIT_SUBSCRIBED, SUBSCRIBED }

    private final Target target;
    private final InetSocketAddress address;
    private final SendTimes sendTimes;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<Subscriber> connections = new HashSet<>();
    private final byte[] handshake;
    private final byte[] subscribe;
    private final LatencyRecorder publishToReceive;
    private final LatencyRecorder timestampToReceive;
    private final long epochMicrosAtStart;
    private final long nanosAtStart;

    private volatile boolean running = true;
    private volatile int wanted;
    private volatile int subscribed;
    private volatile int pending;
    private volatile int failures;
    private volatile int lost;
    private volatile String lastError;
    private volatile long eventsReceived;
    private int stepFromSeq = Integer.MAX_VALUE;
    private long stepEvents;

    LoadGenerator(Target target, SendTimes sendTimes, int sampleLimit) throws IOException {
        this.target = target;
        this.address = new InetSocketAddress(target.host(), target.port());
        this.sendTimes = sendTimes;
        this.handshake = Frames.handshake(target.host(), target.port(), target.path(), target.authorization());
        this.subscribe = target.subscribeMessage() == null ? null : Frames.maskedText(target.subscribeMessage());
        this.publishToReceive = new LatencyRecorder(sampleLimit);
        this.timestampToReceive = new LatencyRecorder(sampleLimit);
        this.selector = Selector.open();
        this.nanosAtStart = System.nanoTime();
        java.time.Instant now = java.time.Instant.now();
        this.epochMicrosAtStart = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        this.thread = new Thread(this::loop, "bench-selector");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    int subscribed() {
        return subscribed;
    }

    int failures() {
        return failures;
    }

    /** Subscribed connections that the server closed or reset. */
    int lost() {
        return lost;
    }

    String lastError() {
        return lastError;
    }

    long eventsReceived() {
        return eventsReceived;
    }

    /**
     * Opens connections until {@code total} are subscribed, the deadline passes, or the
     * connections fail (e.g. no descriptors left). Returns the number subscribed.
     */
    int connect(int total, Duration timeout) throws InterruptedException {
        wanted = total;
        selector.wakeup();
        long deadline = System.nanoTime() + timeout.toNanos();
        int failuresBefore = failures;
        while (System.nanoTime() < deadline) {
            if (subscribed >= total) {
                break;
            }
            if (wanted < total && pending == 0) {
                break; // the loop gave up opening more (descriptor limit)
            }
            if (failures - failuresBefore > Math.max(100, total / 20)) {
                // The server refuses more (ours closes them at accept at its connection cap).
                // Waiting for a moment without attempts in flight as well never ended while the
                // loop kept opening new ones: it fed the server refused connections until the
                // level's deadline, minutes of them that no server reaching the level had.
                break;
            }
            Thread.sleep(20);
        }
        wanted = subscribed; // stop opening; connections still in flight finish or fail
        return subscribed;
    }

    /** Starts a step: events with sequence numbers from {@code fromSeq} on are counted and timed. */
    void beginStep(int fromSeq) throws InterruptedException {
        call(() -> {
            stepFromSeq = fromSeq;
            stepEvents = 0;
            publishToReceive.drain();
            timestampToReceive.drain();
            return null;
        });
    }

    /** The events counted since {@link #beginStep}. */
    long stepEvents() throws InterruptedException {
        return call(() -> stepEvents);
    }

    StepResult endStep() throws InterruptedException {
        return call(() -> {
            StepResult result = new StepResult(stepEvents, publishToReceive.drain(), timestampToReceive.drain());
            stepFromSeq = Integer.MAX_VALUE;
            return result;
        });
    }

    /** Resets every connection (no TIME_WAIT left behind) and waits until done. */
    void closeAll() throws InterruptedException {
        wanted = 0;
        call(() -> {
            for (Subscriber s : new ArrayList<>(connections)) {
                s.abort();
            }
            connections.clear();
            subscribed = 0;
            pending = 0;
            return null;
        });
    }

    @Override
    public void close() throws InterruptedException {
        closeAll();
        running = false;
        selector.wakeup();
        thread.join(5_000);
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private <T> T call(Supplier<T> action) throws InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> result.complete(action.get()));
        selector.wakeup();
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("selector thread did not answer", e);
        }
    }

    private void loop() {
        while (running) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
            openMore();
            try {
                selector.select(50);
            } catch (IOException e) {
                lastError = e.toString();
                continue;
            }
            long now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                Subscriber subscriber = (Subscriber) key.attachment();
                try {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isConnectable()) {
                        subscriber.connected();
                    } else {
                        if (key.isWritable()) {
                            subscriber.flush();
                        }
                        if (key.isValid() && key.isReadable()) {
                            subscriber.read(now);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    subscriber.fail(e);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private void openMore() {
        while (subscribed + pending < wanted && pending < MAX_PENDING) {
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Subscriber subscriber = new Subscriber(channel);
                pending++;
                connections.add(subscriber);
                if (channel.connect(address)) {
                    subscriber.key = channel.register(selector, 0, subscriber);
                    subscriber.connected();
                } else {
                    subscriber.key = channel.register(selector, SelectionKey.OP_CONNECT, subscriber);
                }
            } catch (IOException e) {
                // Typically "Too many open files": this is as far as the descriptors go.
                lastError = e.toString();
                failures++;
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // already failing
                    }
                    for (Subscriber s : connections) {
                        if (s.channel == channel) {
                            connections.remove(s);
                            pending--;
                            break;
                        }
                    }
                }
                wanted = subscribed + pending;
                return;
            }
        }
    }

    private long epochMicros(long nanoTime) {
        return epochMicrosAtStart + (nanoTime - nanosAtStart) / 1_000;
    }

    /** One connection's state; touched only by the selector thread. */
    private final class Subscriber {
        final SocketChannel channel;
        SelectionKey key;
        State state = State.CONNECTING;
        ByteBuffer in = ByteBuffer.allocate(2048);
        ByteBuffer out;
        boolean dead;

        Subscriber(SocketChannel channel) {
            this.channel = channel;
        }

        void connected() throws IOException {
            channel.finishConnect();
            state = State.HANDSHAKE;
            key.interestOps(SelectionKey.OP_READ);
            write(handshake);
        }

        void write(byte[] bytes) throws IOException {
            if (out != null) {
                ByteBuffer joined = ByteBuffer.allocate(out.remaining() + bytes.length);
                joined.put(out).put(bytes).flip();
                out = joined;
                return;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            channel.write(buffer);
            if (buffer.hasRemaining()) {
                out = buffer;
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }

        void flush() throws IOException {
            if (out == null) {
                key.interestOps(SelectionKey.OP_READ);
                return;
            }
            channel.write(out);
            if (!out.hasRemaining()) {
                out = null;
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        void read(long now) throws IOException {
            int n = channel.read(in);
            if (n < 0) {
                fail(new IOException("closed by server"));
                return;
            }
            in.flip();
            if (state == State.HANDSHAKE && !readHandshake() || dead) {
                return;
            }
            while (!dead) {
                FrameHeader header = FrameHeader.peek(in);
                if (header == null) {
                    break;
                }
                long frameLength = header.frameLength();
                if (in.remaining() < frameLength) {
                    if (frameLength > in.capacity()) {
                        ByteBuffer bigger = ByteBuffer.allocate((int) Math.max(frameLength, 2L * in.capacity()));
                        bigger.put(in).flip();
                        in = bigger;
                    }
                    break;
                }
                int start = in.position() + header.size();
                int end = (int) (start + header.payloadLength());
                frame(header.opcode(), start, end, now);
                if (dead) {
                    return; // closed while handling the frame
                }
                in.position(end);
            }
            in.compact();
        }

        /** Consumes the 101 response head; false (and buffer left for more) while incomplete. */
        private boolean readHandshake() {
            int end = Frames.headEnd(in, in.position(), in.limit());
            if (end < 0) {
                in.position(in.limit());
                in.limit(in.capacity());
                return false;
            }
            if (!Frames.isSwitchingProtocols(in, in.position())) {
                fail(new IOException("handshake refused: "
                        + new String(in.array(), in.position(), Math.min(60, end - in.position()),
                                java.nio.charset.StandardCharsets.ISO_8859_1).split("\r\n")[0]));
                return false;
            }
            in.position(end);
            if (subscribe == null) {
                becomeSubscribed();
            } else {
                state = State.AWAIT_FIRST;
            }
            return true;
        }

        private void frame(int opcode, int start, int end, long now) throws IOException {
            switch (opcode) {
                case Frames.TEXT -> text(start, end, now);
                case Frames.PING -> {
                    byte[] payload = new byte[end - start];
                    in.get(start, payload);
                    write(Frames.masked(Frames.PONG, payload));
                }
                case Frames.CLOSE -> fail(new IOException("close frame from server"));
                default -> {
                    // pong or continuation: the servers under test send neither to us
                }
            }
        }

        private void text(int start, int end, long now) throws IOException {
            switch (state) {
                case AWAIT_FIRST -> {
                    if (Bytes.indexOf(in, start, end, WELCOME) >= 0) {
                        write(subscribe);
                        state = State.AWAIT_SUBSCRIBED;
                    }
                }
                case AWAIT_SUBSCRIBED -> {
                    if (Bytes.indexOf(in, start, end, ADD_SUCCESS) >= 0) {
                        becomeSubscribed();
                    }
                }
                case SUBSCRIBED -> event(start, end, now);
                default -> {
                    // nothing else is expected before subscribing
                }
            }
        }

        private void event(int start, int end, long now) {
            int seq = EventFactory.sequence(in, start, end);
            if (seq < 0) {
                return;
            }
            eventsReceived++;
            if (seq < stepFromSeq) {
                return;
            }
            stepEvents++;
            long sent = sendTimes.sentAt(seq);
            if (sent != 0) {
                publishToReceive.record((now - sent) / 1_000);
            }
            long timestamp = EventFactory.timestamp(in, start, end);
            if (timestamp > 0) {
                timestampToReceive.record(epochMicros(now) - timestamp * 1_000);
            }
        }

        private void becomeSubscribed() {
            state = State.SUBSCRIBED;
            pending--;
            subscribed++;
        }

        void fail(Exception cause) {
            if (dead) {
                return;
            }
            dead = true;
            lastError = cause.toString();
            if (state == State.SUBSCRIBED) {
                subscribed--;
                lost++;
            } else {
                pending--;
                failures++;
            }
            state = State.CONNECTING;
            connections.remove(this);
            abort();
        }

        /** Closes with RST (linger 0), so that no TIME_WAIT outlives the run. */
        void abort() {
            try {
                if (channel.isOpen()) {
                    if (channel.isConnected()) {
                        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    }
                    channel.close();
                }
            } catch (IOException e) {
                // going away anyway
            }
        }
    }
}
