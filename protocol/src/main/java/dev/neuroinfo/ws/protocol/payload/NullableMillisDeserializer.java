package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads an optional, nullable timestamp: absent stays Java {@code null}, JSON {@code null} becomes
 * {@code Optional.empty()}, an integer becomes a value. Jackson's stock Optional handling folds
 * absent and null together, which would change the wire form on re-encoding.
 */
final class NullableMillisDeserializer extends StdDeserializer<Optional<Long>> {
    NullableMillisDeserializer() {
        super(Optional.class);
    }

    @Override
    public Optional<Long> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
                || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return context.reportInputMismatch(this, "a timestamp must be an integer of milliseconds or null");
        }
        return Optional.of(parser.getLongValue());
    }

    @Override
    public Optional<Long> getNullValue(DeserializationContext context) {
        return Optional.empty();
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return null;
    }
}
