package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.SecretFormat;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenRecord;
import dev.neuroinfo.ws.server.auth.TokenStore;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tokens in Redis, shared by every node: per token a HASH {@code neuroinfo:token:<id>} with its
 * record and the SHA-256 of its secret, a STRING {@code neuroinfo:token-by-hash:<sha256>} that
 * finds the id from a presented secret, and the SET {@code neuroinfo:tokens} of all ids. The
 * secret itself never reaches Redis; secrets have the same format as on disk ({@link SecretFormat}).
 * Creating and revoking change all three keys in one script, so no node ever sees half a token.
 */
final class RedisTokenStore implements TokenStore {
    private static final LuaScript CREATE = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'user', ARGV[2], 'kind', ARGV[3], 'unlimited', ARGV[4],
                'createdAt', ARGV[5], 'sha256', ARGV[6])
            redis.call('SET', KEYS[2], ARGV[1])
            redis.call('SADD', KEYS[3], ARGV[1])
            return 1
            """, ScriptOutputType.INTEGER);

    /** The record of a secret's hash, with its id appended; empty when unknown. */
    private static final LuaScript VERIFY = new LuaScript("""
            local id = redis.call('GET', KEYS[1])
            if not id then return {} end
            local fields = redis.call('HGETALL', ARGV[1] .. id)
            if #fields == 0 then return {} end
            table.insert(fields, 'id')
            table.insert(fields, id)
            return fields
            """, ScriptOutputType.MULTI);

    private static final LuaScript LIST = new LuaScript("""
            local all = {}
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
                local fields = redis.call('HGETALL', ARGV[1] .. id)
                if #fields > 0 then
                    table.insert(fields, 'id')
                    table.insert(fields, id)
                    table.insert(all, fields)
                end
            end
            return all
            """, ScriptOutputType.MULTI);

    private static final LuaScript REVOKE = new LuaScript("""
            local sha = redis.call('HGET', KEYS[1], 'sha256')
            if not sha then return 0 end
            redis.call('DEL', KEYS[1], ARGV[1] .. sha)
            redis.call('SREM', KEYS[2], ARGV[2])
            return 1
            """, ScriptOutputType.INTEGER);

    private final RedisLink redis;

    RedisTokenStore(RedisLink redis) {
        this.redis = redis;
    }

    @Override
    public IssuedToken create(String user, TokenKind kind, boolean unlimited) throws StoreException {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
        String secret = SecretFormat.tokenSecret(kind);
        String hash = SecretFormat.hashHex(secret);
        try {
            while (true) {
                TokenRecord record = new TokenRecord(SecretFormat.tokenId(), user, kind, unlimited,
                        System.currentTimeMillis());
                Long created = CREATE.run(redis.sync(),
                        new String[] {RedisKeys.token(record.id()), RedisKeys.tokenByHash(hash), RedisKeys.TOKEN_IDS},
                        record.id(), user, kind.name(), unlimited ? "1" : "0", Long.toString(record.createdAt()), hash);
                if (created == 1) {
                    return new IssuedToken(record, secret);
                }
            }
        } catch (RedisException e) {
            throw redis.failure("create a token", e);
        }
    }

    @Override
    public Optional<TokenRecord> verify(String secret, TokenKind kind) throws StoreException {
        if (secret == null || secret.isEmpty() || kind == null) {
            return Optional.empty();
        }
        byte[] presented = SecretFormat.hash(secret);
        List<Object> fields;
        try {
            fields = VERIFY.run(redis.sync(), new String[] {RedisKeys.tokenByHash(HexFormat.of().formatHex(presented))},
                    RedisKeys.TOKEN);
        } catch (RedisException e) {
            throw redis.failure("verify a token", e);
        }
        if (fields == null || fields.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> hash = pairs(fields);
        // Redis found the entry by hash; the final comparison is constant-time anyway.
        if (!SecretFormat.sameHash(HexFormat.of().parseHex(hash.get("sha256")), presented)) {
            return Optional.empty();
        }
        TokenRecord record = record(hash);
        return record.kind() == kind ? Optional.of(record) : Optional.empty();
    }

    @Override
    public List<TokenRecord> list() throws StoreException {
        List<Object> all;
        try {
            all = LIST.run(redis.sync(), new String[] {RedisKeys.TOKEN_IDS}, RedisKeys.TOKEN);
        } catch (RedisException e) {
            throw redis.failure("list tokens", e);
        }
        List<TokenRecord> records = new ArrayList<>();
        for (Object fields : all) {
            records.add(record(pairs((List<?>) fields)));
        }
        records.sort(Comparator.comparingLong(TokenRecord::createdAt).thenComparing(TokenRecord::id));
        return records;
    }

    @Override
    public boolean revoke(String id) throws StoreException {
        if (id == null) {
            return false;
        }
        try {
            Long revoked = REVOKE.run(redis.sync(), new String[] {RedisKeys.token(id), RedisKeys.TOKEN_IDS},
                    RedisKeys.TOKEN_BY_HASH, id);
            return revoked == 1;
        } catch (RedisException e) {
            throw redis.failure("revoke a token", e);
        }
    }

    @Override
    public boolean isLive(String id) throws StoreException {
        if (id == null) {
            return false;
        }
        try {
            return redis.sync().exists(RedisKeys.token(id)) == 1;
        } catch (RedisException e) {
            throw redis.failure("look up a token", e);
        }
    }

    private static Map<String, String> pairs(List<?> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return map;
    }

    private static TokenRecord record(Map<String, String> hash) {
        return new TokenRecord(hash.get("id"), hash.get("user"), TokenKind.valueOf(hash.get("kind")),
                "1".equals(hash.get("unlimited")), Long.parseLong(hash.get("createdAt")));
    }
}
