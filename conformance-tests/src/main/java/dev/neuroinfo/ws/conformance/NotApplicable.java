package dev.neuroinfo.ws.conformance;

/** Thrown by a case that finds it does not apply to the server as configured. */
public final class NotApplicable extends RuntimeException {
    public NotApplicable(String why) {
        super(why, null, false, false);
    }
}
