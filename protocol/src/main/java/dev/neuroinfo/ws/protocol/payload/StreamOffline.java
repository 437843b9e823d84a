package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The stream ended: {@code {"isLive": false}}. */
public record StreamOffline() implements EventPayload {
    /** Reads the wire form; {@code isLive} must be {@code false}. */
    @JsonCreator
    static StreamOffline fromWire(@JsonProperty(value = "isLive", required = true) boolean isLive) {
        if (isLive) {
            throw new IllegalArgumentException("streamOffline needs isLive false");
        }
        return new StreamOffline();
    }

    /** Always {@code false}. */
    @JsonProperty("isLive")
    public boolean isLive() {
        return false;
    }
}
