package dev.neuroinfo.ws.protocol.codec;

import dev.neuroinfo.ws.protocol.payload.EventPayload;
import java.util.Objects;

/** What became of an event's data: a payload record, or what is wrong with it. */
public sealed interface PayloadDecoding {

    /** The data fits its event type. */
    record Decoded(EventPayload payload) implements PayloadDecoding {
        public Decoded {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** The data does not fit; {@code problem} names the field where it could. */
    record Undecodable(String problem) implements PayloadDecoding {
        public Undecodable {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
