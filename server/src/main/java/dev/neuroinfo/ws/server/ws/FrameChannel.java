package dev.neuroinfo.ws.server.ws;

import java.nio.ByteBuffer;

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
     * Queues one complete frame for the socket.
     *
     * @param frame      the frame's bytes, not to be modified by the caller afterwards
     * @param completion told once, possibly before this method returns
     */
    void write(ByteBuffer frame, Completion completion);
}
