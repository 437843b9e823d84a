package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A subathon goal changed.
 *
 * @param year       year of the subathon
 * @param goalNumber the goal's subscriber threshold
 * @param goal       the goal
 * @param subcount   subscribers so far, never negative
 */
public record SubathonGoalUpdate(
        @JsonProperty(value = "year", required = true) int year,
        @JsonProperty(value = "goalNumber", required = true) long goalNumber,
        @JsonProperty(value = "goal", required = true) SubathonGoal goal,
        @JsonProperty(value = "subcount", required = true) long subcount)
        implements EventPayload {
    public SubathonGoalUpdate {
        Objects.requireNonNull(goal, "goal");
        Payloads.requireNonNegative(subcount, "subcount");
    }
}
