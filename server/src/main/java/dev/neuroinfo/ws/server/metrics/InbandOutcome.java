package dev.neuroinfo.ws.server.metrics;

import java.util.Locale;

/** How an in-band {@code auth} attempt ended, as the {@code outcome} label. */
public enum InbandOutcome {
    /** Authenticated and welcomed. */
    OK,
    /** The token is unknown, revoked or not an API token. */
    INVALID_TOKEN,
    /** The token or slot store failed; the client may retry. */
    AUTH_ERROR,
    /** The user already has as many connections as allowed; the connection was closed. */
    CONNECTION_LIMIT,
    /** No valid {@code auth} message in time; the connection was closed. */
    TIMEOUT;

    /** The label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
