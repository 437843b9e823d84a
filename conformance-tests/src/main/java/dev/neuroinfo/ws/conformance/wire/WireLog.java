package dev.neuroinfo.ws.conformance.wire;

/** Where the wire classes report what they send and receive, one line per event. */
@FunctionalInterface
public interface WireLog {
    /** A log that discards everything. */
    WireLog NONE = line -> { };

    /** Records one line, e.g. {@code -> ws#2 text "{...}"}. */
    void line(String line);
}
