package dev.neuroinfo.ws.server.metrics;

import dev.neuroinfo.ws.protocol.EventType;
import java.util.Map;

/**
 * Counts the node's connections when a scrape asks, so that opening, closing and subscribing pay
 * nothing for the gauges.
 */
public interface ConnectionCensus {
    /** Open connections of this node by how they authenticated, counted in one pass. */
    Map<AuthMethod, Long> openConnectionsByMethod();

    /** Connections of this node subscribed to a type. */
    long subscribers(EventType type);
}
