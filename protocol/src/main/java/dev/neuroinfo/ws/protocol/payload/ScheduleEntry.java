package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One slot of the weekly schedule.
 *
 * @param day     0 (Sunday) to 6 (Saturday)
 * @param time    start time, epoch milliseconds
 * @param message what the slot is, e.g. {@code "Neuro Stream"}
 * @param type    the kind of slot
 */
public record ScheduleEntry(
        @JsonProperty(value = "day", required = true) int day,
        @JsonProperty(value = "time", required = true) long time,
        @JsonProperty(value = "message", required = true) String message,
        @JsonProperty(value = "type", required = true) ScheduleEntryType type) {
    public ScheduleEntry {
        if (day < 0 || day > 6) {
            throw new IllegalArgumentException("day must be 0..6, was " + day);
        }
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(type, "type");
    }
}
