package dev.neuroinfo.ws.server.limits;

import java.util.Optional;

/**
 * Counts open connections (and handshakes in flight) per user against a limit: LIM-1 (at most 5
 * per user, over all nodes), LIM-3 (a handshake in flight holds a slot) and LIM-5 (a slot is freed
 * however its connection ends). Thread-safe.
 */
public interface ConnectionSlots {
    /** Takes a slot for the user, or empty when the user already holds the limit. */
    Optional<SlotLease> acquire(String user);

    /** How many slots the user holds now. */
    int held(String user);

    /**
     * Whether taking a slot and releasing its lease happen in this process's memory, never waiting
     * for a network or another node (see {@code TokenStore#answersFromMemory()}); false by default.
     */
    default boolean answersFromMemory() {
        return false;
    }
}
