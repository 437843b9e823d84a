package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.limits.SlotLease;
import java.util.List;

/**
 * An open connection of this server as its session protocol sees it: replies and closes go to the
 * connection, subscriptions through the registry, where broadcasts find them.
 */
record RegisteredPeer(ClientConnection connection, ConnectionRegistry registry) implements SessionPeer {
    @Override
    public String sessionId() {
        return connection.sessionId();
    }

    @Override
    public Grant grant() {
        return connection.admission().grant();
    }

    @Override
    public boolean authenticate(Grant grant, SlotLease lease) {
        return connection.admission().authenticate(grant, lease);
    }

    @Override
    public boolean send(OutboundText reply) {
        return connection.send(reply);
    }

    @Override
    public boolean close(CloseReasons reason) {
        return connection.close(reason);
    }

    @Override
    public void subscribe(EventType type) {
        registry.subscribe(connection, type);
    }

    @Override
    public void unsubscribe(EventType type) {
        registry.unsubscribe(connection, type);
    }

    @Override
    public List<EventType> subscriptions() {
        return connection.subscriptions();
    }
}
