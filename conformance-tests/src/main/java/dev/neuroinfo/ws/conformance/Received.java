package dev.neuroinfo.ws.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.message.ServerMessage;

/**
 * A server message that passed the schema and decoded.
 *
 * @param raw          the frame's text
 * @param json         its JSON tree
 * @param message      the decoded message
 * @param arrivalNanos when it arrived ({@link System#nanoTime()})
 */
record Received(String raw, JsonNode json, ServerMessage message, long arrivalNanos) {
    String type() {
        return message.type();
    }
}
