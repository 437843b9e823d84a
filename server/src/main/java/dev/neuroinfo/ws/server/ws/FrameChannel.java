package dev.neuroinfo.ws.server.ws;

/**
 * A container's shortcut for frames that are already encoded: straight onto the connection's
 * transport, past the WebSocket implementation's per-message framing. Containers that have one
 * attach it to the {@link Admission}; without one, connections send through the standard API.
 *
 * <p>Implementations take whole frames, keep them in call order with the container's own writes,
 * accept calls from any thread and never block.
 */
public interface FrameChannel {
    /** Told how each write ended. */
    interface Completion {
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
     * @param message    the message whose {@link OutboundText#frame() frame} to write
     * @param completion told once, possibly before this method returns
     */
    void write(OutboundText message, Completion completion);
}
