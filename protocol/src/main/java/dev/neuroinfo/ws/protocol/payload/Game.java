package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The game or category a stream is in.
 *
 * @param id   Twitch category id, e.g. {@code "509658"}
 * @param name category name, e.g. {@code "Just Chatting"}
 */
public record Game(
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty(value = "name", required = true) String name) {
    public Game {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
