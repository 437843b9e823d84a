package dev.neuroinfo.ws.server.metrics;

import java.util.Locale;

/** How an open connection authenticated, as the {@code auth} label of the connection gauge. */
public enum AuthMethod {
    /** A one-time ticket in the handshake's query string. */
    TICKET,
    /** An API token in the handshake's {@code Authorization} header. */
    HEADER,
    /** An {@code auth} message after a credential-less handshake (in-band mode). */
    INBAND,
    /** A credential-less handshake whose {@code auth} message has not arrived yet. */
    PENDING;

    /** The label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
