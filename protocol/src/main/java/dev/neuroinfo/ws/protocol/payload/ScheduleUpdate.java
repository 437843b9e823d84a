package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The weekly schedule was updated.
 *
 * @param year     calendar year of the ISO week
 * @param week     ISO 8601 week, 1..53
 * @param schedule the slots, possibly none
 * @param isFinal  whether the schedule is final
 */
public record ScheduleUpdate(
        @JsonProperty(value = "year", required = true) int year,
        @JsonProperty(value = "week", required = true) int week,
        @JsonProperty(value = "schedule", required = true) List<ScheduleEntry> schedule,
        @JsonProperty(value = "isFinal", required = true) boolean isFinal)
        implements EventPayload {
    public ScheduleUpdate {
        if (week < 1 || week > 53) {
            throw new IllegalArgumentException("week must be 1..53, was " + week);
        }
        schedule = List.copyOf(Objects.requireNonNull(schedule, "schedule"));
    }
}
