package dev.neuroinfo.ws.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.codec.PayloadDecoding;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.schemas.OfflineSchemas;
import dev.neuroinfo.ws.schemas.Schemas;
import java.util.List;

/**
 * Checks a publish body {@code {"eventType","eventData"}} against {@code event-data.json} (the
 * schemas module's single statement of every payload) and decodes it with the protocol's codec.
 * A rejection names the offending member by JSON Pointer, so the publisher knows what to fix.
 * Thread-safe; compile once and share.
 */
final class EventBodyValidator {
    private final MessageCodec codec;
    private final Schema schema;

    EventBodyValidator(MessageCodec codec) {
        this.codec = codec;
        this.schema = OfflineSchemas.schema(Schemas.EVENT_DATA);
    }

    /** A publishable event. */
    record ValidEvent(EventType type, EventPayload payload) {
    }

    /**
     * Validates and decodes a body.
     *
     * @throws ApiException AP2 naming the first offending member
     */
    ValidEvent validate(String body) {
        // The codec's parser rejects what the schema cannot see, such as duplicate member names.
        JsonNode root = codec.parse(body)
                .orElseThrow(() -> ApiException.of(ApiError.AP2, "Invalid request body: not a JSON document"));
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw ApiException.of(ApiError.AP2, describe(errors.get(0)));
        }
        EventType type = EventType.fromWireName(root.get("eventType").textValue()).orElseThrow();
        PayloadDecoding decoded = codec.decodePayload(type, root.get("eventData"));
        if (decoded instanceof PayloadDecoding.Undecodable undecodable) {
            throw ApiException.of(ApiError.AP2, "Invalid /eventData: " + undecodable.problem());
        }
        return new ValidEvent(type, ((PayloadDecoding.Decoded) decoded).payload());
    }

    /** The JSON Pointer of a member of the value at {@code parent}, escaped per RFC 6901. */
    static String member(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    private static String describe(Error error) {
        String pointer = error.getInstanceLocation().toString();
        // "required" and "additionalProperties" report the parent; name the member itself.
        if (error.getProperty() != null) {
            pointer = member(pointer, error.getProperty());
        }
        return pointer.isEmpty()
                ? "Invalid request body: " + error.getMessage()
                : "Invalid " + pointer + ": " + error.getMessage();
    }
}
