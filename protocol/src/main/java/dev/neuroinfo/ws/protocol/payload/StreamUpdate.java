package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Stream metadata changed (throttled by the server to one broadcast per two seconds).
 *
 * @param title    stream title
 * @param game     category
 * @param language language code
 * @param isMature whether the stream is marked mature
 */
public record StreamUpdate(
        @JsonProperty(value = "title", required = true) String title,
        @JsonProperty(value = "game", required = true) Game game,
        @JsonProperty(value = "language", required = true) String language,
        @JsonProperty(value = "isMature", required = true) boolean isMature)
        implements EventPayload {
    public StreamUpdate {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(game, "game");
        Objects.requireNonNull(language, "language");
    }
}
