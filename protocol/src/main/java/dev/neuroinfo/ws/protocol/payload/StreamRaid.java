package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A raid: the data of {@code streamRaidIncoming} and {@code streamRaidOutgoing}.
 *
 * @param channel     the raiding or raided channel
 * @param viewerCount viewers brought along, never negative
 */
public record StreamRaid(
        @JsonProperty(value = "channel", required = true) RaidChannel channel,
        @JsonProperty(value = "viewerCount", required = true) long viewerCount)
        implements EventPayload {
    public StreamRaid {
        Objects.requireNonNull(channel, "channel");
        Payloads.requireNonNegative(viewerCount, "viewerCount");
    }
}
