package dev.neuroinfo.ws.server;

/** What the HTTP side may do to open WebSocket connections. */
public interface ConnectionControl {
    /** Closes every open connection authenticated by a token (on revocation). */
    void closeConnectionsOfToken(String tokenId, int closeCode, String reason);

    /** How many connections are open. */
    int openConnections();
}
