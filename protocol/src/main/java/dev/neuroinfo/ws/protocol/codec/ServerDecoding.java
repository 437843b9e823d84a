package dev.neuroinfo.ws.protocol.codec;

import dev.neuroinfo.ws.protocol.message.ServerMessage;
import java.util.Objects;

/** What became of a server frame: a message, or a description of why it is not one. */
public sealed interface ServerDecoding {

    /** The frame is a well-formed server message. */
    record Decoded(ServerMessage message) implements ServerDecoding {
        public Decoded {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The frame is not a server message this library understands; {@code problem} says why. */
    record Undecodable(String problem) implements ServerDecoding {
        public Undecodable {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
