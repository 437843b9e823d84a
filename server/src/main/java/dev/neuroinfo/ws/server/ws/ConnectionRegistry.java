package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.server.ConnectionControl;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.metrics.AuthMethod;
import dev.neuroinfo.ws.server.metrics.ConnectionCensus;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every open connection, and per event type the connections subscribed to it, so that a
 * broadcast touches only its subscribers and needs no global lock.
 */
public final class ConnectionRegistry implements ConnectionControl, ConnectionCensus {
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private final Map<EventType, Set<ClientConnection>> subscribers = new EnumMap<>(EventType.class);

    private final ServerMetrics metrics;

    /** A registry counting its deliveries into {@code metrics} and answering its gauges. */
    public ConnectionRegistry(ServerMetrics metrics) {
        this.metrics = metrics;
        for (EventType type : EventType.values()) {
            subscribers.put(type, ConcurrentHashMap.newKeySet());
        }
        metrics.watch(this);
    }

    void opened(ClientConnection connection) {
        open.add(connection);
    }

    /** Forgets a connection and its subscriptions. */
    void closed(ClientConnection connection) {
        connection.ended();
        open.remove(connection);
        subscribers.values().forEach(set -> set.remove(connection));
    }

    boolean subscribe(ClientConnection connection, EventType type) {
        boolean added = connection.subscribe(type);
        subscribers.get(type).add(connection);
        return added;
    }

    boolean unsubscribe(ClientConnection connection, EventType type) {
        boolean removed = connection.unsubscribe(type);
        subscribers.get(type).remove(connection);
        return removed;
    }

    /** Hands a message to every subscriber of a type, encoding its frame at most once. */
    public void sendToSubscribers(EventType type, String text) {
        OutboundText message = OutboundText.shared(text);
        int handed = 0;
        for (ClientConnection connection : subscribers.get(type)) {
            if (connection.send(message)) {
                handed++;
            }
        }
        metrics.delivered(type, handed, handed == 0 ? 0 : message.frameLength());
    }

    /** Visits every open connection. */
    void forEach(Consumer<ClientConnection> action) {
        open.forEach(action);
    }

    @Override
    public void closeConnectionsOfToken(String tokenId, int closeCode, String reason) {
        for (ClientConnection connection : open) {
            Grant grant = connection.admission().grant();
            if (grant != null && grant.tokenId().equals(tokenId)) {
                connection.close(closeCode, reason);
            }
        }
    }

    @Override
    public long openConnections(AuthMethod method) {
        return open.stream().filter(connection -> connection.admission().method() == method).count();
    }

    @Override
    public long subscribers(EventType type) {
        return subscribers.get(type).size();
    }

    @Override
    public int openConnections() {
        return open.size();
    }

    /** Closes every connection, for shutdown. */
    public void closeAll(int closeCode, String reason) {
        open.forEach(c -> c.close(closeCode, reason));
    }
}
