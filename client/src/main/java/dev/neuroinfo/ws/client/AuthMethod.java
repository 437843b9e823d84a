package dev.neuroinfo.ws.client;

/** How the client proves its token to the WebSocket endpoint. */
public enum AuthMethod {
    /**
     * Fetch a one-time ticket from {@code GET {httpBaseUrl}/api/ws/ticket} with the token as a
     * Bearer header, then connect with {@code ?ticket=}. A fresh ticket is fetched for every
     * connection attempt. The default, and the only method browsers can use.
     */
    TICKET,
    /** Send {@code Authorization: Bearer <token>} with the WebSocket handshake. No HTTP API needed. */
    HEADER,
    /**
     * Connect without credentials and send an {@code auth} message; only for servers that run the
     * in-band authentication mode (docs/protocol.md, IBA).
     */
    IN_BAND
}
