package dev.neuroinfo.ws.protocol.payload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads an optional, non-nullable timestamp: absent stays Java {@code null}, an integer becomes a
 * value, and JSON {@code null} is an error. Jackson's {@code Nulls.FAIL} cannot express this: it
 * fails on an absent member too.
 */
final class OptionalMillisDeserializer extends StdDeserializer<Long> {
    OptionalMillisDeserializer() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
                || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return context.reportInputMismatch(this, "a timestamp must be an integer of milliseconds");
        }
        return parser.getLongValue();
    }

    @Override
    public Long getNullValue(DeserializationContext context) throws JsonMappingException {
        return context.reportInputMismatch(this, "a timestamp here must be an integer of milliseconds, not null");
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return null;
    }
}
