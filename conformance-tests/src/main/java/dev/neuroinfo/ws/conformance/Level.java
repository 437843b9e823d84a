package dev.neuroinfo.ws.conformance;

/** The level of the clause a case checks (docs/protocol.md section 0). */
public enum Level {
    /** From the seed or RFC 6455: a failure fails the run. */
    MUST,
    /** A decision of this project: reported apart, never fails the run. */
    SHOULD
}
