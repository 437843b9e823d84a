package dev.neuroinfo.ws.server.auth;

/** API tokens open connections and fetch tickets; admin tokens manage the server. Never both. */
public enum TokenKind {
    API,
    ADMIN
}
