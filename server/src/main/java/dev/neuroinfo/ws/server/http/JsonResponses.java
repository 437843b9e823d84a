package dev.neuroinfo.ws.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Builds every JSON answer of the HTTP API: error bodies through the protocol's codec (the one
 * place for their shape and texts), the other bodies as Jackson trees wrapped in {@code data}.
 */
final class JsonResponses {
    private final MessageCodec codec;
    private final ObjectMapper mapper = new ObjectMapper();

    JsonResponses(MessageCodec codec) {
        this.codec = codec;
    }

    MessageCodec codec() {
        return codec;
    }

    /** An empty object to fill and pass to {@link #data}. */
    ObjectNode object() {
        return mapper.createObjectNode();
    }

    /** {@code {"data": <data>}} with the given status. */
    Response data(Response.Status status, JsonNode data) {
        ObjectNode root = object();
        root.set("data", data);
        return tree(status, root);
    }

    /** A JSON tree as the whole body. */
    Response tree(Response.Status status, JsonNode root) {
        return json(status.getStatusCode(), write(root)).build();
    }

    /** A JSON body as it is. */
    Response.ResponseBuilder json(int status, String body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }

    /** An error with its catalogue message. */
    Response error(ApiError error) {
        return errorBuilder(error, error.message()).build();
    }

    /** An error with a given message, left open for more headers. */
    Response.ResponseBuilder errorBuilder(ApiError error, String message) {
        return json(error.status(), codec.encodeApiError(error, message));
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
