package dev.neuroinfo.ws.server.metrics;

import dev.neuroinfo.ws.protocol.EventType;

/**
 * Counts the node's connections when a scrape asks, so that opening, closing and subscribing pay
 * nothing for the gauges.
 */
public interface ConnectionCensus {
    /** Open connections of this node that authenticated this way. */
    long openConnections(AuthMethod method);

    /** Connections of this node subscribed to a type. */
    long subscribers(EventType type);
}
