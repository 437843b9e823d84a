package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.auth.SecretFormat;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TicketStore;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One-time tickets in Redis, redeemable on any node. A ticket lives in
 * {@code neuroinfo:ticket:<sha256 of the ticket>} (so Redis never holds a usable ticket) with a
 * Redis expiry of the ticket's lifetime; redemption is one {@code GETDEL}, which Redis runs
 * atomically, so of any number of simultaneous redemptions on any nodes exactly one gets the
 * grant. Each token's outstanding ticket hashes are kept in a SET that expires with its newest
 * ticket, so revoking the token can delete them.
 */
final class RedisTicketStore implements TicketStore {
    private static final LuaScript ISSUE = new LuaScript("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('SADD', KEYS[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            return 1
            """, ScriptOutputType.INTEGER);

    private static final LuaScript REVOKE_ALL = new LuaScript("""
            local hashes = redis.call('SMEMBERS', KEYS[1])
            for _, hash in ipairs(hashes) do
                redis.call('DEL', ARGV[1] .. hash)
            end
            redis.call('DEL', KEYS[1])
            return #hashes
            """, ScriptOutputType.INTEGER);

    private final RedisLink redis;

    RedisTicketStore(RedisLink redis) {
        this.redis = redis;
    }

    @Override
    public String issue(Grant grant, Duration ttl) throws StoreException {
        Objects.requireNonNull(grant, "grant");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ticket lifetime must be positive: " + ttl);
        }
        String ticket = SecretFormat.ticket();
        String hash = SecretFormat.hashHex(ticket);
        try {
            ISSUE.run(redis.sync(), new String[] {RedisKeys.ticket(hash), RedisKeys.tokenTickets(grant.tokenId())},
                    encode(grant), Long.toString(ttl.toMillis()), hash);
        } catch (RedisException e) {
            throw redis.failure("issue a ticket", e);
        }
        return ticket;
    }

    @Override
    public Optional<Grant> redeem(String ticket) throws StoreException {
        if (ticket == null || ticket.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(redis.sync().getdel(RedisKeys.ticket(SecretFormat.hashHex(ticket))))
                    .map(RedisTicketStore::decode);
        } catch (RedisException e) {
            throw redis.failure("redeem a ticket", e);
        }
    }

    @Override
    public void revokeAll(String tokenId) throws StoreException {
        try {
            REVOKE_ALL.run(redis.sync(), new String[] {RedisKeys.tokenTickets(tokenId)}, RedisKeys.TICKET);
        } catch (RedisException e) {
            throw redis.failure("revoke tickets", e);
        }
    }

    /** {@code tokenId LF unlimited(0|1) LF user}; the user goes last so that it may hold any character. */
    static String encode(Grant grant) {
        return grant.tokenId() + "\n" + (grant.unlimited() ? "1" : "0") + "\n" + grant.user();
    }

    static Grant decode(String value) {
        String[] parts = value.split("\n", 3);
        return new Grant(parts[0], parts[2], "1".equals(parts[1]));
    }
}
