package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.HandshakeError;
import java.util.Objects;

/** The gate's answer to a handshake request. */
public sealed interface GateDecision {

    /** Refuse with this error's status and plain-text body. */
    record Rejected(HandshakeError error) implements GateDecision {
        public Rejected {
            Objects.requireNonNull(error, "error");
        }
    }

    /** Let the upgrade proceed; the admission travels to the endpoint. */
    record Admitted(Admission admission) implements GateDecision {
        public Admitted {
            Objects.requireNonNull(admission, "admission");
        }
    }
}
