package dev.neuroinfo.ws.server.auth;

import java.time.Duration;
import java.util.Optional;

/** One-time tickets (TK-12..TK-15). Thread-safe; redemption is atomic across every caller (and node). */
public interface TicketStore {
    /** Issues a ticket for a grant, valid for {@code ttl} (TK-12). */
    String issue(Grant grant, Duration ttl) throws StoreException;

    /**
     * Consumes a ticket. Of any number of concurrent calls with the same ticket at most one gets
     * the grant (TK-13, TK-14); expired, unknown and used tickets give empty.
     */
    Optional<Grant> redeem(String ticket) throws StoreException;

    /** Forgets every ticket of a revoked token (TK-15). */
    void revokeAll(String tokenId) throws StoreException;

    /**
     * Whether {@link #redeem} answers from this process's memory, never waiting for a disk, a
     * network or another node (see {@link TokenStore#answersFromMemory()}); false by default.
     */
    default boolean answersFromMemory() {
        return false;
    }
}
