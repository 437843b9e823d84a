package dev.neuroinfo.ws.server.auth;

import java.time.Duration;
import java.util.Optional;

/** One-time tickets. Thread-safe; redemption is atomic across every caller (and node). */
public interface TicketStore {
    /** Issues a ticket for a grant, valid for {@code ttl}. */
    String issue(Grant grant, Duration ttl) throws StoreException;

    /**
     * Consumes a ticket. Of any number of concurrent calls with the same ticket at most one gets
     * the grant; expired, unknown and used tickets give empty.
     */
    Optional<Grant> redeem(String ticket) throws StoreException;

    /** Forgets every ticket of a revoked token. */
    void revokeAll(String tokenId) throws StoreException;
}
