package dev.neuroinfo.ws.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.CloseCodes;
import dev.neuroinfo.ws.server.limits.TokenBucket;
import dev.neuroinfo.ws.protocol.CloseReasons;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A connection over a container's {@link FrameChannel}: frames go to it in order, a write the
 * channel refuses for its budget closes the connection as a slow consumer, and a closed connection
 * is ended within the grace period. The budget itself is the channel's (SlowConsumerTest and
 * OutboundBudgetTest drive it over real sockets); the standard-API path is covered end to end by
 * the WAR's container tests, and here for what a timer cannot show there: the sign of life of a
 * client whose pings were skipped, and which thread waits for the container's close.
 */
class ClientConnectionTest {
    private static final int LIMIT = 4;

    private final List<CloseReason> closes = new ArrayList<>();
    private final Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Session.class}, (proxy, method, args) -> {
                if (method.getName().equals("close") && args != null) {
                    closes.add((CloseReason) args[0]);
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    /** A channel that keeps every write and refuses those beyond its budget. */
    private static final class HeldChannel implements FrameChannel {
        final List<ByteBuffer> frames = new ArrayList<>();
        final List<Duration> endedWithin = new ArrayList<>();

        @Override
        public boolean write(OutboundText message) {
            return writeControl(message.frame(), Completion.IGNORE);
        }

        @Override
        public boolean writeControl(ByteBuffer frame, Completion completion) {
            if (frames.size() >= LIMIT) {
                return false;
            }
            frames.add(frame);
            return true;
        }

        @Override
        public void endWithin(Duration grace) {
            endedWithin.add(grace);
        }
    }

    /** The standard API's asynchronous sends still in flight, and the pings sent, on {@link #standard}. */
    private final List<SendHandler> inFlight = new ArrayList<>();
    private final List<ByteBuffer> pings = new ArrayList<>();
    private final RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                if (method.getName().equals("sendText") && args.length == 2) {
                    inFlight.add((SendHandler) args[1]);
                    return null;
                }
                if (method.getName().equals("sendPing")) {
                    pings.add((ByteBuffer) args[0]);
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private final Map<String, Object> userProperties = new HashMap<>();
    private final Session standard = (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Session.class}, (proxy, method, args) -> {
                if (method.getName().equals("getAsyncRemote")) {
                    return remote;
                }
                if (method.getName().equals("getUserProperties")) {
                    return userProperties;
                }
                return method.invoke(session, args);
            });

    /** The closes of {@link #standard} handed to the closer, not yet run; and how often a connection ended. */
    private final List<Runnable> closing = new ArrayList<>();
    private final AtomicInteger ended = new AtomicInteger();

    private ClientConnection connectionWithoutChannel() {
        return new ClientConnection(standard, "session-2", Admission.pendingAuthentication("127.0.0.1"), LIMIT,
                new TokenBucket(1, 1), ended::incrementAndGet, closing::add);
    }

    /** Waits until {@code System.nanoTime()} has moved past {@code nanos}, so that a later reading differs. */
    private static void tickPast(long nanos) {
        while (System.nanoTime() - nanos <= 0) {
            Thread.onSpinWait();
        }
    }

    private ClientConnection connectionOver(FrameChannel channel) {
        Admission admission = Admission.pendingAuthentication("127.0.0.1");
        admission.attachChannel(channel);
        return new ClientConnection(session, "session-1", admission, LIMIT, new TokenBucket(1, 1), () -> { },
                task -> {
                    throw new AssertionError("a connection over a channel closes on the caller's thread");
                });
    }

    private static String text(ByteBuffer frame) {
        ByteBuffer copy = frame.duplicate();
        copy.position(2);
        return StandardCharsets.UTF_8.decode(copy).toString();
    }

    @Test
    void sendsEncodedFramesToTheChannelInOrder() {
        HeldChannel channel = new HeldChannel();
        ClientConnection connection = connectionOver(channel);

        connection.send("{\"n\":1}");
        connection.send(OutboundText.of("{\"n\":2}"));

        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), channel.frames.stream().map(ClientConnectionTest::text).toList());
        assertTrue(closes.isEmpty());
    }

    @Test
    void closesAsSlowConsumerWhenTheChannelRefusesAWriteAndEndsWithinTheGrace() {
        HeldChannel channel = new HeldChannel();
        ClientConnection connection = connectionOver(channel);

        for (int i = 0; i < LIMIT; i++) {
            connection.send("{}");
        }
        assertTrue(closes.isEmpty(), "up to the budget is allowed");
        connection.send("{}");

        assertEquals(1, closes.size());
        assertEquals(CloseCodes.POLICY_VIOLATION, closes.get(0).getCloseCode().getCode());
        assertEquals(CloseReasons.SLOW_CONSUMER.text(), closes.get(0).getReasonPhrase());
        assertEquals(List.of(ClientConnection.CLOSE_GRACE), channel.endedWithin);
        connection.send("{}");
        assertEquals(LIMIT, channel.frames.size(), "nothing goes out after the close");
    }

    @Test
    void pingsCountAgainstTheSameBudget() {
        HeldChannel channel = new HeldChannel();
        ClientConnection connection = connectionOver(channel);

        for (int i = 0; i < LIMIT; i++) {
            connection.ping();
        }
        assertTrue(closes.isEmpty());
        connection.send("{}");

        assertEquals(CloseReasons.SLOW_CONSUMER.text(), closes.get(0).getReasonPhrase());
    }

    @Test
    void aClientThatKeepsReadingWhileItsPingsAreSkippedShowsItIsThere() {
        ClientConnection connection = connectionWithoutChannel();
        long connected = connection.lastSignOfLifeNanos();

        connection.send("{\"n\":1}");
        connection.ping();
        assertEquals(List.of(), pings, "no ping while a write is in flight");
        tickPast(connected);
        assertEquals(connected, connection.lastSignOfLifeNanos(), "a write still in flight shows nothing");

        inFlight.remove(0).onResult(new SendResult());

        assertTrue(connection.lastSignOfLifeNanos() - connected > 0,
                "a write completed while the client had no ping to answer stands in for its pong");
    }

    @Test
    void aCompletedWriteIsNoSignOfLifeOnceThePingsGoOut() {
        ClientConnection connection = connectionWithoutChannel();
        connection.ping();
        assertEquals(1, pings.size());
        long before = connection.lastSignOfLifeNanos();

        connection.send("{\"n\":1}");
        tickPast(before);
        inFlight.remove(0).onResult(new SendResult());

        assertEquals(before, connection.lastSignOfLifeNanos(), "the client had a ping to answer");
    }

    /**
     * Tomcat drops a close frame it cannot write within its bound: a second for the closes of a
     * client that reads, so that the frame gets out on a loaded machine too, but a slow consumer's
     * frame waits behind the write it does not read, and the caller (a broadcaster lane) is not
     * held that long for it.
     */
    @Test
    void aSlowConsumerOnTheStandardApiIsClosedWithoutWaitingOutTheCloseFrameBound() {
        String closeBound = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";
        TomcatSendTimeouts.bound(standard);
        assertEquals(1_000L, userProperties.get(closeBound));
        assertEquals(1_000L, userProperties.get("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT"));
        ClientConnection connection = connectionWithoutChannel();

        for (int i = 0; i < LIMIT; i++) {
            connection.send("{}");
        }
        assertEquals(1_000L, userProperties.get(closeBound), "not closed within the queue limit");
        connection.send("{}");
        closing.forEach(Runnable::run);

        assertEquals(CloseReasons.SLOW_CONSUMER.text(), closes.get(0).getReasonPhrase());
        assertEquals(50L, userProperties.get(closeBound), "Tomcat's default, for a frame that cannot get out");
    }

    /**
     * Open Liberty's close holds its caller for seconds, and needs one of Liberty's request threads
     * to finish. A slow consumer is closed by a broadcaster lane, which every publisher waits for
     * on those threads: the lane hands the close on, and the connection has ended for the server
     * at once.
     */
    @Test
    void aSlowConsumerOnTheStandardApiIsClosedOffTheSendingThread() {
        ClientConnection connection = connectionWithoutChannel();

        for (int i = 0; i <= LIMIT; i++) {
            connection.send("{}");
        }

        assertEquals(List.of(), closes, "the sending thread does not wait for the container's close");
        assertEquals(1, ended.get(), "the connection ended for the server at once: its slot is free");
        closing.forEach(Runnable::run);
        assertEquals(CloseReasons.SLOW_CONSUMER.text(), closes.get(0).getReasonPhrase());
        assertEquals(1, ended.get());
    }

    @Test
    void aSecondMessageWithinTheRateClosesWith1008() {
        ClientConnection connection = connectionOver(new HeldChannel());

        assertTrue(connection.received(), "the burst of one");
        assertTrue(!connection.received(), "over the rate");

        assertEquals(CloseCodes.POLICY_VIOLATION, closes.get(0).getCloseCode().getCode());
        assertEquals(CloseReasons.MESSAGE_RATE.text(), closes.get(0).getReasonPhrase());
    }

    @Test
    void sendsNothingOnceTheConnectionEnded() {
        HeldChannel channel = new HeldChannel();
        ClientConnection connection = connectionOver(channel);

        connection.ended();
        connection.send("{}");
        connection.close(CloseCodes.GOING_AWAY, "bye");

        assertTrue(channel.frames.isEmpty());
        assertTrue(closes.isEmpty(), "an ended connection is not closed again");
        assertNull(Admission.pendingAuthentication("127.0.0.1").channel(), "no channel unless a container attaches one");
    }
}
