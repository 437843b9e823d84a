package dev.neuroinfo.ws.conformance;

/** Thrown by a case when the server's behaviour differs from the clause: what was expected, what came. */
public final class CaseFailure extends RuntimeException {
    private final String expected;
    private final String actual;

    public CaseFailure(String expected, String actual) {
        super("expected " + expected + ", got " + actual, null, false, false);
        this.expected = expected;
        this.actual = actual;
    }

    /** What the clause requires. */
    public String expected() {
        return expected;
    }

    /** What the server did. */
    public String actual() {
        return actual;
    }
}
