package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.neuroinfo.ws.server.TwoNodes;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenStore;
import dev.neuroinfo.ws.server.auth.TokenStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cluster's token store: the contract, two nodes on one real Redis, and Redis holding no secret. */
class RedisTokenStoreTest extends TokenStoreContract {
    @RegisterExtension
    static final RedisNodes REDIS = new RedisNodes();

    @Override
    protected TwoNodes<TokenStore> nodes() {
        return REDIS.each((link, node) -> new RedisTokenStore(link));
    }

    @Test
    void redisHoldsOnlyHashesOfSecretsAndTickets() throws Exception {
        RedisLink link = REDIS.links().first();
        IssuedToken token = new RedisTokenStore(link).create("carol", TokenKind.API, false);
        String ticket = new RedisTicketStore(link).issue(Grant.of(token.record()), Duration.ofSeconds(30));
        for (String key : link.sync().keys(RedisKeys.PREFIX + "*")) {
            String value = switch (link.sync().type(key)) {
                case "string" -> link.sync().get(key);
                case "hash" -> link.sync().hgetall(key).toString();
                case "set" -> link.sync().smembers(key).toString();
                default -> "";
            };
            assertFalse(key.contains(token.secret()) || value.contains(token.secret()), key);
            assertFalse(key.contains(ticket) || value.contains(ticket), key);
        }
    }
}
