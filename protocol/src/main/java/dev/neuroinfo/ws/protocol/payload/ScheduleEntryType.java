package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What kind of slot a schedule entry is; the wire values keep the API's casing. */
public enum ScheduleEntryType {
    NORMAL("normal"),
    OFFLINE("offline"),
    CANCELED("canceled"),
    TBD("TBD"),
    UNKNOWN("unknown");

    private final String wireValue;

    ScheduleEntryType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value on the wire. */
    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /** Reads an exact wire value; anything else is an error, not {@link #UNKNOWN}. */
    @JsonCreator
    public static ScheduleEntryType fromWireValue(String value) {
        return Arrays.stream(values())
                .filter(t -> t.wireValue.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown schedule entry type: " + value));
    }
}
