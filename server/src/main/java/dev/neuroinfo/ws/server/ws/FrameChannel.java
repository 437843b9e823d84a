package dev.neuroinfo.ws.server.ws;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A container's shortcut for frames that are already encoded: straight onto the connection's
 * transport, past the WebSocket implementation's per-message framing. Containers that have one
 * attach it to the {@link Admission}; without one, connections send through the standard API.
 *
 * <p>Every frame the server sends through a channel, data or control, counts against one budget
 * per connection: the frames queued and not yet written to the socket. A write that would exceed
 * it is refused, so that a client that does not read costs bounded memory whatever it provokes.
 *
 * <p>Implementations take whole frames, keep them in call order with the container's own writes,
 * accept calls from any thread and never block.
 */
public interface FrameChannel {
    /** Told how each write ended. */
    interface Completion {
        /** Ignores how a write ended. */
        Completion IGNORE = new Completion() {
            @Override
            public void written() {
            }

            @Override
            public void failed(Throwable failure) {
            }
        };

        /** The frame reached the socket. */
        void written();

        /** The frame will never reach the socket; the connection is going away. */
        void failed(Throwable failure);
    }

    /**
     * Queues one message's frame for the socket. The channel reads the frame only during the call
     * and copies whatever it cannot write at once, so that one broadcast can go to thousands of
     * connections without a buffer, or any other object, per connection.
     *
     * A frame that cannot be written later means the connection is going away, which the container
     * reports itself: nobody is told about each message.
     *
     * @param message the message whose {@link OutboundText#frame() frame} to write
     * @return false, queuing nothing, when the connection's outbound budget is spent
     */
    boolean write(OutboundText message);

    /**
     * Queues a control frame (ping, pong, close) against the same budget.
     *
     * @param frame      a complete frame from {@link ControlFrames}
     * @param completion told once, possibly before this method returns, if the frame was queued
     * @return false, queuing nothing, when the connection's outbound budget is spent
     */
    boolean writeControl(ByteBuffer frame, Completion completion);

    /**
     * Drops the TCP connection if it has not ended within the grace period: a close frame queued
     * behind frames the client never reads must not keep the connection, and its memory, forever.
     */
    void endWithin(Duration grace);
}
