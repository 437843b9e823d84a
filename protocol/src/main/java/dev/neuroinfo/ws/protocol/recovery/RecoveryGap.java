package dev.neuroinfo.ws.protocol.recovery;

import java.util.Arrays;
import java.util.Optional;

/** Why a history request could not be answered with every event missed (REC-7). */
public enum RecoveryGap {
    /** Some events after the position were dropped from the bounded history (count or age). */
    TOO_OLD("tooOld"),
    /** The position belongs to another history: the epoch differs, or this epoch never issued the offset. */
    OTHER_EPOCH("otherEpoch");

    private final String wireValue;

    RecoveryGap(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value of {@code reason} on the wire. */
    public String wireValue() {
        return wireValue;
    }

    /** Looks a gap up by its wire value. */
    public static Optional<RecoveryGap> fromWireValue(String value) {
        return Arrays.stream(values()).filter(g -> g.wireValue.equals(value)).findFirst();
    }
}
