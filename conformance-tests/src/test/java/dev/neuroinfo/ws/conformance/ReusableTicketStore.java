package dev.neuroinfo.ws.conformance;

import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TicketStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A broken ticket store whose tickets can be redeemed again and again, wrapping an honest one. */
final class ReusableTicketStore implements TicketStore {
    private final TicketStore honest;
    private final Map<String, Grant> redeemed = new ConcurrentHashMap<>();

    ReusableTicketStore(TicketStore honest) {
        this.honest = honest;
    }

    @Override
    public String issue(Grant grant, Duration ttl) throws StoreException {
        return honest.issue(grant, ttl);
    }

    @Override
    public Optional<Grant> redeem(String ticket) throws StoreException {
        Grant known = redeemed.get(ticket);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Grant> grant = honest.redeem(ticket);
        grant.ifPresent(g -> redeemed.put(ticket, g));
        return grant;
    }

    @Override
    public void revokeAll(String tokenId) throws StoreException {
        honest.revokeAll(tokenId);
        redeemed.values().removeIf(g -> g.tokenId().equals(tokenId));
    }
}
