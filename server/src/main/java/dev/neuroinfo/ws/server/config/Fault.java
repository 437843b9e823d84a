package dev.neuroinfo.ws.server.config;

/**
 * Deliberate protocol violations. They exist only so that a test can prove the conformance suite
 * catches each one; the operator's command line cannot switch them on.
 */
public enum Fault {
    /** Handshake errors answered as JSON instead of plain text. */
    JSON_HANDSHAKE_ERRORS,
    /** A connection limit of 6 instead of 5. */
    LIMIT_OF_SIX,
    /** Tickets that can be redeemed more than once. */
    REUSABLE_TICKETS,
    /** {@code eventType: ""} classified invalidEventtype instead of missingEventtype. */
    WRONG_REASON_FOR_EMPTY_EVENTTYPE,
    /** streamUpdate broadcast without throttling. */
    NO_THROTTLE
}
