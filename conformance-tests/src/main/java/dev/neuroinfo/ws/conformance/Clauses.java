package dev.neuroinfo.ws.conformance;

import java.util.Set;

/**
 * The level of each clause of docs/protocol.md: the MUST clauses as listed in its section 12;
 * every other clause is SHOULD. A test keeps this list equal to the document.
 */
public final class Clauses {
    private static final Set<String> MUST = Set.of(
            "GEN-2", "GEN-5", "TK-1", "TK-4", "TK-5", "TK-6", "TK-8", "TK-12", "TK-13", "TK-16",
            "HS-1", "HS-2", "HS-5", "HS-7", "HS-8", "HS-9", "HS-10", "HS-11", "HS-12", "HS-13", "HS-16",
            "SES-1", "SES-2", "SES-4", "SES-5", "SES-7", "SES-9", "MSG-1", "MSG-4", "MSG-10", "MSG-12",
            "MSG-17", "EVT-1", "EVT-2", "EVT-4", "EVT-5", "EVT-8", "KA-1", "KA-3", "KA-4", "KA-8", "LIM-1",
            "LIM-2", "LIM-4", "LIM-5", "LIM-7");

    private Clauses() {
    }

    /** The level of a clause id such as {@code HS-7}. */
    public static Level levelOf(String clause) {
        return MUST.contains(clause) ? Level.MUST : Level.SHOULD;
    }

    /** The MUST clause ids. */
    public static Set<String> mustClauses() {
        return MUST;
    }
}
