package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The subathon's state changed.
 *
 * <p>{@code startTimestamp} may be absent but not JSON {@code null} (payloads.md allows null only
 * for {@code endTimestamp}). {@code endTimestamp} has three states on the wire, so it is an {@code Optional} field:
 * Java {@code null} means absent, {@code Optional.empty()} means JSON {@code null} (the subathon
 * has no end yet), a value is a time.
 *
 * @param year           year of the subathon
 * @param name           its name
 * @param subcount       subscribers so far, never negative
 * @param goals          goals keyed by their subscriber threshold as a decimal string
 * @param isActive       whether it is running
 * @param startTimestamp start, epoch milliseconds, or {@code null} when absent
 * @param endTimestamp   end: {@code null} absent, empty for JSON null, or epoch milliseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubathonUpdate(
        @JsonProperty(value = "year", required = true) int year,
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "subcount", required = true) long subcount,
        @JsonProperty(value = "goals", required = true) Map<String, SubathonGoal> goals,
        @JsonProperty(value = "isActive", required = true) boolean isActive,
        @JsonProperty("startTimestamp") @JsonDeserialize(using = OptionalMillisDeserializer.class)
        Long startTimestamp,
        @JsonProperty("endTimestamp") @JsonDeserialize(using = NullableMillisDeserializer.class)
        Optional<Long> endTimestamp)
        implements EventPayload {
    public SubathonUpdate {
        Objects.requireNonNull(name, "name");
        Payloads.requireNonNegative(subcount, "subcount");
        Objects.requireNonNull(goals, "goals");
        goals.keySet().forEach(Payloads::requireThresholdKey);
        goals.values().forEach(goal -> Objects.requireNonNull(goal, "goals must not hold null"));
        goals = Collections.unmodifiableMap(new LinkedHashMap<>(goals));
    }
}
