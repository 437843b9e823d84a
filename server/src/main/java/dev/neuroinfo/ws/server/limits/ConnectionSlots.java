package dev.neuroinfo.ws.server.limits;

import java.util.Optional;

/** Counts open connections (and handshakes in flight) per user against a limit. Thread-safe. */
public interface ConnectionSlots {
    /** Takes a slot for the user, or empty when the user already holds the limit. */
    Optional<SlotLease> acquire(String user);

    /** How many slots the user holds now. */
    int held(String user);
}
