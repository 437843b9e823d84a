package dev.neuroinfo.ws.protocol.codec;

import dev.neuroinfo.ws.protocol.InvalidReason;
import dev.neuroinfo.ws.protocol.message.ClientMessage;
import dev.neuroinfo.ws.protocol.message.Invalid;
import java.util.Objects;

/** What became of a client frame: a message to act on, or the reason to answer {@code invalid}. */
public sealed interface ClientDecoding {

    /** The frame is a well-formed client message. */
    record Decoded(ClientMessage message) implements ClientDecoding {
        public Decoded {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The frame is not a message the server can act on.
     *
     * @param reason  the reason to send back
     * @param message human text saying what was wrong
     * @param type    the frame's {@code type} member when it had a string one, else {@code null};
     *                lets a server treat {@code auth} differently when in-band auth is off
     */
    record Rejected(InvalidReason reason, String message, String type) implements ClientDecoding {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        /** The {@code invalid} reply for this rejection. */
        public Invalid toInvalid() {
            return new Invalid(reason, message);
        }
    }
}
