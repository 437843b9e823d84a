package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * A stream went live: the data of {@code streamOnline} and {@code secretneuroaccountOnline}.
 *
 * @param id           Twitch stream id, digits only
 * @param title        stream title
 * @param game         category
 * @param language     language code, e.g. {@code en}
 * @param tags         stream tags
 * @param isMature     whether the stream is marked mature
 * @param viewerCount  viewers at the time of the event, never negative
 * @param startedAt    start time, epoch milliseconds
 * @param thumbnailUrl thumbnail URL, may hold {@code {width}} and {@code {height}} placeholders
 */
@JsonPropertyOrder({"isLive", "id", "title", "game", "language", "tags", "isMature", "viewerCount",
        "startedAt", "thumbnailUrl"})
public record StreamOnline(
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty(value = "title", required = true) String title,
        @JsonProperty(value = "game", required = true) Game game,
        @JsonProperty(value = "language", required = true) String language,
        @JsonProperty(value = "tags", required = true) List<String> tags,
        @JsonProperty(value = "isMature", required = true) boolean isMature,
        @JsonProperty(value = "viewerCount", required = true) long viewerCount,
        @JsonProperty(value = "startedAt", required = true) long startedAt,
        @JsonProperty(value = "thumbnailUrl", required = true) String thumbnailUrl)
        implements EventPayload {
    public StreamOnline {
        Objects.requireNonNull(id, "id");
        Payloads.requireDigits(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(game, "game");
        Objects.requireNonNull(language, "language");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        Objects.requireNonNull(thumbnailUrl, "thumbnailUrl");
        Payloads.requireNonNegative(viewerCount, "viewerCount");
    }

    /** Reads the wire form; {@code isLive} must be present and {@code true}. */
    @JsonCreator
    static StreamOnline fromWire(
            @JsonProperty(value = "isLive", required = true) boolean isLive,
            @JsonProperty(value = "id", required = true) String id,
            @JsonProperty(value = "title", required = true) String title,
            @JsonProperty(value = "game", required = true) Game game,
            @JsonProperty(value = "language", required = true) String language,
            @JsonProperty(value = "tags", required = true) List<String> tags,
            @JsonProperty(value = "isMature", required = true) boolean isMature,
            @JsonProperty(value = "viewerCount", required = true) long viewerCount,
            @JsonProperty(value = "startedAt", required = true) long startedAt,
            @JsonProperty(value = "thumbnailUrl", required = true) String thumbnailUrl) {
        if (!isLive) {
            throw new IllegalArgumentException("streamOnline needs isLive true");
        }
        return new StreamOnline(id, title, game, language, tags, isMature, viewerCount, startedAt, thumbnailUrl);
    }

    /** Always {@code true}: the wire carries it so that online and offline share a field. */
    @JsonProperty("isLive")
    public boolean isLive() {
        return true;
    }
}
