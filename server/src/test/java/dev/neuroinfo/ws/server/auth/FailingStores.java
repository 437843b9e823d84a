package dev.neuroinfo.ws.server.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Stores whose every call fails, like an unreachable database or Redis, for error-path tests. */
public final class FailingStores {
    private FailingStores() {
    }

    /** The failure every call throws. */
    public static StoreException failure() {
        return new StoreException("store down (test)", null);
    }

    /** A token store that never answers. */
    public static final class Tokens implements TokenStore {
        @Override
        public IssuedToken create(String user, TokenKind kind, boolean unlimited) throws StoreException {
            throw failure();
        }

        @Override
        public Optional<TokenRecord> verify(String secret, TokenKind kind) throws StoreException {
            throw failure();
        }

        @Override
        public List<TokenRecord> list() throws StoreException {
            throw failure();
        }

        @Override
        public boolean revoke(String id) throws StoreException {
            throw failure();
        }

        @Override
        public boolean isLive(String id) throws StoreException {
            throw failure();
        }
    }

    /** A ticket store that never answers. */
    public static final class Tickets implements TicketStore {
        @Override
        public String issue(Grant grant, Duration ttl) throws StoreException {
            throw failure();
        }

        @Override
        public Optional<Grant> redeem(String ticket) throws StoreException {
            throw failure();
        }

        @Override
        public void revokeAll(String tokenId) throws StoreException {
            throw failure();
        }
    }
}
