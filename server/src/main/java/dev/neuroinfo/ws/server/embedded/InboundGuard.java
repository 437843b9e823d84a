package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.server.limits.TokenBucket;
import dev.neuroinfo.ws.server.ws.Admission;
import dev.neuroinfo.ws.server.ws.ControlFrames;
import dev.neuroinfo.ws.server.ws.FrameChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;

/**
 * One upgraded connection's inbound side on the embedded server: its frames checked from their
 * headers ({@link InboundFrames}), and its pings answered here instead of by Tyrus, whose pongs
 * would queue without bound behind a client that does not read.
 *
 * <p>Pongs go through the connection's {@link FrameChannel}, within its outbound budget, at most
 * one at a time: a ping that arrives while the previous pong is not yet written replaces any
 * ping still waiting, and only the latest is answered (RFC 6455 5.5.3 allows it). Pings are
 * counted against the inbound rate as messages are; past it the connection is closed with 1008.
 * So are pongs and message fragments before the last, in a count of their own.
 */
final class InboundGuard {
    /** How long a failed connection may take to flush its close frame before its socket is dropped. */
    private static final Duration FAIL_GRACE = Duration.ofSeconds(5);

    private final Connection<?> connection;
    private final Admission admission;
    private final FrameChannel channel;
    private final TokenBucket pingRate;
    private final InboundFrames frames;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final FrameChannel.Completion pongWritten = new FrameChannel.Completion() {
        @Override
        public void written() {
            pongDone();
        }

        @Override
        public void failed(Throwable failure) {
            // the connection is going away; nothing more to answer
        }
    };
    private boolean pongInFlight;
    private byte[] nextPong;

    /**
     * @param burst     frames of each kind (pings; pongs with fragments before a message's last) the
     *                  client may send at once, as for messages
     * @param perSecond the same, per second once the burst is spent
     */
    InboundGuard(Connection<?> connection, Admission admission, FrameChannel channel, int maxMessageBytes,
            int burst, int perSecond) {
        this.connection = connection;
        this.admission = admission;
        this.channel = channel;
        this.pingRate = new TokenBucket(burst, perSecond);
        this.frames = new InboundFrames(maxMessageBytes, this::onPing, new TokenBucket(burst, perSecond)::tryTake);
    }

    /** The part of a read for Tyrus, or null when there is none or the connection is failing. */
    Buffer inspect(Buffer read) {
        if (failed.get()) {
            read.tryDispose();
            return null;
        }
        InboundFrames.Outcome outcome = frames.scan(read, connection.getMemoryManager());
        if (outcome instanceof InboundFrames.Fail fail) {
            read.tryDispose();
            fail(fail.why());
            return null;
        }
        return failed.get() ? null : ((InboundFrames.Pass) outcome).bytes();
    }

    private void onPing(byte[] payload) {
        if (!pingRate.tryTake()) {
            fail(CloseReasons.PING_RATE);
            return;
        }
        synchronized (this) {
            if (pongInFlight) {
                nextPong = payload;
                return;
            }
            pongInFlight = true;
        }
        sendPong(payload);
    }

    private void pongDone() {
        byte[] next;
        synchronized (this) {
            next = nextPong;
            nextPong = null;
            pongInFlight = next != null;
        }
        if (next != null) {
            sendPong(next);
        }
    }

    private void sendPong(byte[] payload) {
        if (!channel.writeControl(ControlFrames.pong(payload), pongWritten)) {
            fail(CloseReasons.SLOW_CONSUMER);
        }
    }

    /**
     * Fails the connection: through the endpoint when it has the connection, as every other close;
     * before that, with a close frame of its own after whatever is queued, then the socket, at the
     * latest after {@link #FAIL_GRACE}. Either way nothing more it sends is read.
     */
    private void fail(CloseReasons why) {
        if (!failed.compareAndSet(false, true) || admission.close(why)) {
            return;
        }
        channel.endWithin(FAIL_GRACE);
        boolean queued = channel.writeControl(ControlFrames.close(why.code(), why.text()), new FrameChannel.Completion() {
            @Override
            public void written() {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable failure) {
                connection.closeSilently();
            }
        });
        if (!queued) {
            connection.terminateSilently();
        }
    }
}
