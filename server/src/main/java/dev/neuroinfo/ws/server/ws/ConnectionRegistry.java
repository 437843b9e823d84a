package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.server.ConnectionControl;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.events.Broadcaster;
import dev.neuroinfo.ws.server.metrics.AuthMethod;
import dev.neuroinfo.ws.server.metrics.ConnectionCensus;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Every open connection, and per event type the connections subscribed to it, so that a
 * broadcast touches only its subscribers and needs no global lock. Subscribers are spread over
 * lanes (see {@link Broadcaster}); a connection's lane follows from its identity, so it never
 * changes and needs no bookkeeping.
 */
public final class ConnectionRegistry implements ConnectionControl, Broadcaster.Subscribers, ConnectionCensus {
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private final Lane[] lanes;
    private final ServerMetrics metrics;

    /**
     * A registry with one lane per processor the JVM may use, counting its deliveries into
     * {@code metrics} and answering its connection and subscription gauges.
     */
    public ConnectionRegistry(ServerMetrics metrics) {
        this(Runtime.getRuntime().availableProcessors(), metrics);
    }

    /** A registry with {@code laneCount} lanes, counting into {@code metrics}. */
    public ConnectionRegistry(int laneCount, ServerMetrics metrics) {
        if (laneCount < 1) {
            throw new IllegalArgumentException("at least one lane, not " + laneCount);
        }
        lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane();
        }
        this.metrics = metrics;
        metrics.watch(this);
    }

    /** The subscribers of one lane, by type. */
    private static final class Lane {
        private final Map<EventType, Set<ClientConnection>> subscribers = new EnumMap<>(EventType.class);

        Lane() {
            for (EventType type : EventType.values()) {
                subscribers.put(type, ConcurrentHashMap.newKeySet());
            }
        }

        Set<ClientConnection> of(EventType type) {
            return subscribers.get(type);
        }
    }

    private Lane laneOf(ClientConnection connection) {
        return lanes[Math.floorMod(System.identityHashCode(connection), lanes.length)];
    }

    void opened(ClientConnection connection) {
        open.add(connection);
    }

    /** Forgets a connection and its subscriptions. */
    void closed(ClientConnection connection) {
        connection.ended();
        open.remove(connection);
        Lane lane = laneOf(connection);
        for (EventType type : EventType.values()) {
            lane.of(type).remove(connection);
        }
    }

    boolean subscribe(ClientConnection connection, EventType type) {
        boolean added = connection.subscribe(type);
        laneOf(connection).of(type).add(connection);
        return added;
    }

    boolean unsubscribe(ClientConnection connection, EventType type) {
        boolean removed = connection.unsubscribe(type);
        laneOf(connection).of(type).remove(connection);
        return removed;
    }

    @Override
    public int lanes() {
        return lanes.length;
    }

    /** Hands a message to every subscriber of a type in one lane, encoding its frame at most once. */
    @Override
    public void send(int lane, EventType type, String text) {
        Set<ClientConnection> subscribers = lanes[lane].of(type);
        if (subscribers.isEmpty()) {
            return;
        }
        OutboundText message = OutboundText.forBroadcast(text);
        int handed = 0;
        for (ClientConnection connection : subscribers) {
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

    /** The ids of the tokens that authenticated the open connections. */
    public Set<String> tokenIds() {
        Set<String> ids = new HashSet<>();
        for (ClientConnection connection : open) {
            Grant grant = connection.admission().grant();
            if (grant != null) {
                ids.add(grant.tokenId());
            }
        }
        return ids;
    }

    @Override
    public Map<AuthMethod, Long> openConnectionsByMethod() {
        return open.stream().collect(Collectors.groupingBy(connection -> connection.admission().method(),
                () -> new EnumMap<>(AuthMethod.class), Collectors.counting()));
    }

    @Override
    public long subscribers(EventType type) {
        long count = 0;
        for (Lane lane : lanes) {
            count += lane.of(type).size();
        }
        return count;
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
