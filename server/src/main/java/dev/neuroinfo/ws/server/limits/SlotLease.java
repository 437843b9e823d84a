package dev.neuroinfo.ws.server.limits;

/**
 * One held connection slot. Releasing is idempotent, so every way a connection can end may call
 * it without coordinating with the others.
 */
public interface SlotLease extends AutoCloseable {
    /** Frees the slot; later calls do nothing. */
    void release();

    @Override
    default void close() {
        release();
    }

    /** A lease that holds nothing, for unlimited tokens. */
    SlotLease NONE = () -> { };
}
