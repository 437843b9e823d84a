package dev.neuroinfo.ws.conformance.wire;

import dev.neuroinfo.ws.wire.Evidence;

/** What reading the next message from a connection gave. */
public sealed interface Inbound {
    /** A complete text message (fragments joined); {@code validUtf8} false if the server sent bad UTF-8. */
    record Text(String text, boolean validUtf8, long arrivalNanos) implements Inbound {
    }

    /** A complete binary message. */
    record Binary(byte[] payload) implements Inbound {
    }

    /** A close frame from the server; {@code code} is -1 when the frame carried none. */
    record Closed(int code, String reason) implements Inbound {
    }

    /** The TCP connection ended without a close frame, or failed. */
    record Ended(String why) implements Inbound {
    }

    /** Nothing arrived in time. */
    record Timeout() implements Inbound {
    }

    /** A short description for evidence. */
    default String describe() {
        if (this instanceof Text t) {
            return "text " + Evidence.quote(t.text()) + (t.validUtf8() ? "" : " (invalid UTF-8)");
        } else if (this instanceof Binary b) {
            return "binary frame (" + b.payload().length + " bytes)";
        } else if (this instanceof Closed c) {
            return "close frame code=" + c.code() + " reason=" + Evidence.quote(c.reason());
        } else if (this instanceof Ended e) {
            return "connection ended without close frame (" + e.why() + ")";
        }
        return "nothing (timeout)";
    }
}
