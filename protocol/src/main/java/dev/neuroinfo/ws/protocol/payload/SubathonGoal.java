package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A subathon goal.
 *
 * @param name      what happens at the goal
 * @param completed whether it has been done
 * @param reached   whether the subscriber count reached it
 */
public record SubathonGoal(
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "completed", required = true) boolean completed,
        @JsonProperty(value = "reached", required = true) boolean reached) {
    public SubathonGoal {
        Objects.requireNonNull(name, "name");
    }
}
