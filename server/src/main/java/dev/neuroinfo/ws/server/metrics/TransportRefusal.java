package dev.neuroinfo.ws.server.metrics;

import java.util.Locale;

/**
 * Why the embedded server's WebSocket listener dropped a TCP connection before its upgrade, as the
 * {@code reason} label. No HTTP answer and no close frame goes out then, so these are the only
 * trace a connection flood leaves besides its rate-limited log line.
 */
public enum TransportRefusal {
    /** The listener already held its total cap ({@code --max-total-connections}). */
    MAX_TOTAL_CONNECTIONS,
    /** The source address already held its cap of connections that have not authenticated. */
    MAX_UNAUTHENTICATED_PER_ADDRESS,
    /** The upgrade was not complete within {@code --handshake-timeout}. */
    HANDSHAKE_TIMEOUT;

    /** The label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
