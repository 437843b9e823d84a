package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The other channel of a raid.
 *
 * @param displayName shown name
 * @param name        login name
 * @param id          Twitch user id
 */
public record RaidChannel(
        @JsonProperty(value = "displayName", required = true) String displayName,
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "id", required = true) String id) {
    public RaidChannel {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
    }
}
