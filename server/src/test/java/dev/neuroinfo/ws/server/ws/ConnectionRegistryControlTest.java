package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.server.ConnectionControlContract;
import dev.neuroinfo.ws.server.TwoNodes;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;

/** A single server's connection control: its registry, which is both nodes of the contract. */
class ConnectionRegistryControlTest extends ConnectionControlContract {
    @Override
    protected TwoNodes<Node> nodes() {
        ConnectionRegistry registry = new ConnectionRegistry(2, new ServerMetrics());
        return TwoNodes.alone(new Node(registry, registry));
    }
}
