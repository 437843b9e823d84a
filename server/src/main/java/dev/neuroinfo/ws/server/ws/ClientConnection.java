package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.CloseCodes;
import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.server.limits.TokenBucket;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One open WebSocket connection: its session, admission, subscriptions and a bounded outbound
 * queue. Sends and closes never block the caller on a slow client; a client that lets more than
 * the queue limit of messages wait is closed (1008, LIM-9) instead of growing memory.
 *
 * <p>Where the container offers a {@link FrameChannel}, messages and pings go to it as frames
 * encoded once per message, the container's transport queues them and the channel keeps the
 * budget. Otherwise they go through the standard API's asynchronous send, one at a time as the API
 * requires, waiting in a queue of our own.
 *
 * <p>Client messages are counted against a rate with a burst (LIM-10); a connection over it is
 * closed, so that one client cannot take the server's time from everyone else.
 */
public final class ClientConnection {
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
    private static final AtomicIntegerFieldUpdater<ClientConnection> QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(ClientConnection.class, "queued");
    private static final AtomicIntegerFieldUpdater<ClientConnection> CLOSING =
            AtomicIntegerFieldUpdater.newUpdater(ClientConnection.class, "closing");
    private static final AtomicIntegerFieldUpdater<ClientConnection> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(ClientConnection.class, "endRecorded");
    /**
     * How long a connection the server closes may take to end: long enough to flush what a
     * reading client has queued, short enough that a client that never reads cannot keep it.
     */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final Session session;
    private final String sessionId;
    private final Admission admission;
    private final int queueLimit;
    private final FrameChannel channel;
    private final Runnable whenEnded;
    private final Executor closer;
    private final TokenBucket inboundRate;
    private final Set<EventType> subscriptions = EnumSet.noneOf(EventType.class);
    private final Queue<String> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    // Plain volatile fields behind updaters rather than Atomic* objects: a broadcast touches these
    // on every subscriber, and each extra object is another cache miss per delivery.
    private volatile int queued;
    private volatile int closing;
    private volatile int endRecorded;
    private volatile int closeCode;
    private volatile String closeReason;
    private volatile long lastInboundNanos = System.nanoTime();
    private volatile boolean pingSkipped;
    private volatile long readWithoutPingNanos = lastInboundNanos;

    /**
     * @param whenEnded frees the connection's slot and forgets it; runs when the server closes the
     *                  connection and when a write through the standard API fails (the transport is
     *                  gone, and some containers never report it: Payara's Tyrus misses a client's
     *                  end of stream that arrives right after the 101), and may run again when the
     *                  container reports the close
     * @param closer    runs the standard API's close of the session, which may hold its thread for
     *                  seconds (see {@link #close(int, String)})
     */
    ClientConnection(Session session, String sessionId, Admission admission, int queueLimit, TokenBucket inboundRate,
                     Runnable whenEnded, Executor closer) {
        this.session = session;
        this.sessionId = sessionId;
        this.admission = admission;
        this.queueLimit = queueLimit;
        this.channel = admission.channel();
        this.inboundRate = inboundRate;
        this.whenEnded = whenEnded;
        this.closer = closer;
    }

    /** The id sent in {@code welcome}. */
    public String sessionId() {
        return sessionId;
    }

    Admission admission() {
        return admission;
    }

    /**
     * Queues a text message; closes the connection as a slow consumer when the queue is full.
     *
     * @return whether the message was handed on (written or queued), false when the connection
     *         is closing or was just closed for it
     */
    public boolean send(String text) {
        return send(OutboundText.of(text));
    }

    /**
     * Queues a text message; closes the connection as a slow consumer when the queue is full.
     *
     * @return whether the message was handed on (written or queued), false when the connection
     *         is closing or was just closed for it
     */
    public boolean send(OutboundText message) {
        if (closing != 0) {
            return false;
        }
        if (channel != null) {
            if (!channel.write(message)) {
                close(CloseReasons.SLOW_CONSUMER);
                return false;
            }
            return true;
        }
        if (QUEUED.incrementAndGet(this) > queueLimit) {
            QUEUED.decrementAndGet(this);
            // its close frame would wait behind the write the client does not read
            TomcatSendTimeouts.closeWithoutWaiting(session);
            close(CloseReasons.SLOW_CONSUMER);
            return false;
        }
        // the common case, nothing queued and nothing in flight, needs no trip through the queue
        if (outbound.isEmpty() && sending.compareAndSet(false, true)) {
            transmit(message.text());
            return true;
        }
        outbound.add(message.text());
        drain();
        return true;
    }

    private void drain() {
        while (!outbound.isEmpty() && sending.compareAndSet(false, true)) {
            String next = outbound.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            transmit(next);
            return;
        }
    }

    /** Sends one frame; the caller holds {@code sending}. */
    private void transmit(String text) {
        try {
            session.getAsyncRemote().sendText(text, this::sent);
        } catch (RuntimeException e) {
            sent(new SendResult(e));
        }
    }

    private void sent(SendResult result) {
        if (pingSkipped && result.isOK()) {
            readWithoutPingNanos = System.nanoTime();
        }
        QUEUED.decrementAndGet(this);
        sending.set(false);
        if (!result.isOK()) {
            LOG.log(Level.DEBUG, "send to {0} failed: {1}", sessionId, String.valueOf(result.getException()));
            outbound.clear();
            queued = 0;
            transportLost();
            return;
        }
        drain();
    }

    /** Subscribes; true if it was not subscribed before. */
    synchronized boolean subscribe(EventType type) {
        return subscriptions.add(type);
    }

    /** Unsubscribes; true if it was subscribed before. */
    synchronized boolean unsubscribe(EventType type) {
        return subscriptions.remove(type);
    }

    /** The subscribed types in documented order. */
    synchronized List<EventType> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** Notes that a frame of any kind arrived. */
    void touched() {
        lastInboundNanos = System.nanoTime();
    }

    /**
     * Notes that a client message arrived and counts it against the inbound rate; false, having
     * closed the connection, when it is over the rate.
     */
    boolean received() {
        touched();
        if (inboundRate.tryTake()) {
            return true;
        }
        close(CloseReasons.MESSAGE_RATE);
        return false;
    }

    /**
     * When the client last showed it is there (KA-4): a frame of any kind arrived from it, or, while
     * its pings were skipped for a write in flight (standard API only), it took another message off
     * its socket. A client that reads slowly but steadily must not be closed as idle for a ping the
     * server never sent it; one that reads nothing completes no write and is closed as before.
     */
    long lastSignOfLifeNanos() {
        long inbound = lastInboundNanos;
        long reading = readWithoutPingNanos;
        return reading - inbound > 0 ? reading : inbound;
    }

    /** Sends a ping; failures mean the connection is going away anyway. */
    void ping() {
        if (channel != null) {
            if (!channel.writeControl(ControlFrames.ping(), FrameChannel.Completion.IGNORE)) {
                close(CloseReasons.SLOW_CONSUMER);
            }
            return;
        }
        if (sending.get()) {
            // A write is still in flight: the client is not reading as fast as we send, and the
            // standard API's sendPing may block on its full socket (Tomcat's does, for the bound
            // of TomcatSendTimeouts), on the one timer thread that pings and idle-closes every
            // connection. Until a ping goes out, each completed write stands in for the pong the
            // client could not send (lastSignOfLifeNanos); the queue limit still applies.
            pingSkipped = true;
            return;
        }
        pingSkipped = false;
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "ping to {0} failed: {1}", sessionId, e.toString());
            transportLost();
        }
    }

    private void transportLost() {
        close(CloseReasons.CONNECTION_LOST);
    }

    /** The reason the server closed this connection with, or null when it did not close it. */
    String closeReason() {
        return closeReason;
    }

    /** The code the server closed this connection with; meaningful when {@link #closeReason()} is not null. */
    int closeCode() {
        return closeCode;
    }

    /** True the first time only: whoever learns first that the connection ended frees its slot. */
    boolean markEnded() {
        return ENDED.compareAndSet(this, 0, 1);
    }

    /** Notes that the connection ended, however it ended: nothing more is sent. */
    void ended() {
        closing = 1;
    }

    /**
     * Closes for one of the protocol's reasons, once.
     *
     * @return whether this call closed it: false when it was closing or had ended already
     */
    public boolean close(CloseReasons reason) {
        return close(reason.code(), reason.text());
    }

    /**
     * Closes with a code and reason, once. Where the container offers a channel, the connection
     * ends within {@link #CLOSE_GRACE} even if its close frame cannot be written. Otherwise the
     * standard API's close runs on the closer, never on the caller's thread. The connection has
     * ended for the server from here on, its slot included, whether or not the container ever
     * reports the close: on a transport that is already gone, some never do.
     *
     * @return whether this call closed it: false when it was closing or had ended already
     */
    public boolean close(int code, String reason) {
        if (!CLOSING.compareAndSet(this, 0, 1)) {
            return false;
        }
        closeCode = code;
        closeReason = reason;
        CloseReason frame = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
        if (channel != null) {
            channel.endWithin(CLOSE_GRACE);
            try {
                closeSession(frame);
            } finally {
                whenEnded.run();
            }
            return true;
        }
        whenEnded.run();
        try {
            // The standard API's close may hold its thread for seconds: Open Liberty's waits until
            // its pending read is cancelled, which takes one of its request threads, then for a
            // write in flight and for the close frame (5.5 s each). The callers are shared: a
            // broadcaster lane, which every publisher waits for, in a WAR on those same request
            // threads (a slow consumer's close held them all, and no client's pong was read), and
            // the keepalive timer that pings everyone.
            closer.execute(() -> closeSession(frame));
        } catch (RejectedExecutionException stopping) {
            // the closer has stopped with the server: nothing else is left to hold up
            closeSession(frame);
        }
        return true;
    }

    private void closeSession(CloseReason frame) {
        try {
            session.close(frame);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "close of {0} failed: {1}", sessionId, e.toString());
        }
    }
}
