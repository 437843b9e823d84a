package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.limits.SlotLease;
import java.util.List;

/**
 * The connection as its {@link SessionProtocol} sees it: who is on the other end, what the
 * conversation may do to it (send, close, subscribe) and nothing of how it does it. The server's
 * connections are {@link RegisteredPeer}s; the protocol's rules can be exercised without a socket.
 */
interface SessionPeer {
    /** The id sent in {@code welcome}. */
    String sessionId();

    /** Who authenticated the connection, or null while in-band authentication is pending. */
    Grant grant();

    /**
     * Completes in-band authentication with the grant and the slot it took.
     *
     * @return false, having released the slot, when the connection ended meanwhile
     */
    boolean authenticate(Grant grant, SlotLease lease);

    /**
     * Sends a reply.
     *
     * @return whether it was handed on; false when the connection is closing or was just closed for it
     */
    boolean send(OutboundText reply);

    /**
     * Closes the connection for one of the protocol's reasons, once.
     *
     * @return whether this call closed it
     */
    boolean close(CloseReasons reason);

    /** Subscribes the connection to a type, so that its broadcasts reach it. */
    void subscribe(EventType type);

    /** Unsubscribes the connection from a type. */
    void unsubscribe(EventType type);

    /** The subscribed types in documented order. */
    List<EventType> subscriptions();
}
