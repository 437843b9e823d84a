package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.TwoNodes;
import dev.neuroinfo.ws.server.auth.TicketStore;
import dev.neuroinfo.ws.server.auth.TicketStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cluster's ticket store: the contract, two nodes on one real Redis. */
class RedisTicketStoreTest extends TicketStoreContract {
    @RegisterExtension
    static final RedisNodes REDIS = new RedisNodes();

    @Override
    protected TwoNodes<TicketStore> nodes() {
        return REDIS.each((link, node) -> new RedisTicketStore(link));
    }
}
