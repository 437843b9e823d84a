package dev.neuroinfo.ws.server.auth;

import java.util.List;
import java.util.Optional;

/**
 * Where tokens live. Implementations keep only hashes of secrets and compare in constant time.
 * All methods are thread-safe.
 */
public interface TokenStore {
    /** Creates a token for a user; the secret is returned once and never stored. */
    IssuedToken create(String user, TokenKind kind, boolean unlimited) throws StoreException;

    /** The record of a presented secret of the given kind, or empty when it is unknown or revoked. */
    Optional<TokenRecord> verify(String secret, TokenKind kind) throws StoreException;

    /** Every live token, without secrets. */
    List<TokenRecord> list() throws StoreException;

    /** Revokes a token; false when no token has that id. */
    boolean revoke(String id) throws StoreException;

    /** Whether a token id is still live (tickets die with their token). */
    boolean isLive(String id) throws StoreException;

    /**
     * Whether {@link #verify} and {@link #isLive} answer from this process's memory, never waiting
     * for a disk, a network or another node. The embedded WebSocket listener then runs handshakes
     * on the threads that read them; a store that may wait must say false (the default), or it
     * would stall every connection those threads serve.
     */
    default boolean answersFromMemory() {
        return false;
    }
}
