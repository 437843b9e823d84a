package dev.neuroinfo.ws.server.limits;

import dev.neuroinfo.ws.server.TwoNodes;

/** The connection slots of a single node: the contract. */
class InMemoryConnectionSlotsTest extends ConnectionSlotsContract {
    @Override
    protected TwoNodes<ConnectionSlots> slots(int limit) {
        return TwoNodes.alone(new InMemoryConnectionSlots(limit));
    }
}
