package dev.neuroinfo.ws.conformance;

/** The outcome of one case. */
public enum Verdict {
    /** The server behaved as the clause requires. */
    PASS,
    /** The server did not; the result carries the evidence. */
    FAIL,
    /** Not run: a flag it needs was not given. */
    SKIP,
    /** Does not apply to this server as configured (e.g. a handshake rule in in-band auth mode). */
    NA
}
