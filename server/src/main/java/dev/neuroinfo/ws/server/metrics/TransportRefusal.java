package dev.neuroinfo.ws.server.metrics;

import java.util.Locale;

/**
 * Why the embedded server dropped a TCP connection before its upgrade (on the HTTP API port: at
 * accept, or a request that did not arrive in time), as the {@code reason} label. No HTTP answer and no close frame goes out then, so these are the only
 * trace a connection flood leaves besides its rate-limited log line.
 */
public enum TransportRefusal {
    /** The listener already held its total cap ({@code --max-total-connections}). */
    MAX_TOTAL_CONNECTIONS,
    /** The HTTP API port already held its cap ({@code --max-api-connections}). */
    MAX_API_CONNECTIONS,
    /** The source address already held its cap of connections that have not authenticated. */
    MAX_UNAUTHENTICATED_PER_ADDRESS,
    /** The upgrade was not complete within {@code --handshake-timeout}. */
    HANDSHAKE_TIMEOUT,
    /** A request to the HTTP API port had not arrived whole within {@code --request-timeout}. */
    REQUEST_TIMEOUT;

    /** The label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
