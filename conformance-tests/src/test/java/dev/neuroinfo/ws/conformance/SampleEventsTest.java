package dev.neuroinfo.ws.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.codec.PayloadDecoding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The events the suite publishes are valid, so a refusal or a mismatch is the server's. */
class SampleEventsTest {
    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleIsValidPerSchemaAndDecodes(EventType type) {
        String json = SampleEvents.json(type);
        assertEquals(List.of(), SchemaCheck.errors(SampleEvents.payloadSchemaFile(type), json));
        assertInstanceOf(PayloadDecoding.Decoded.class, new MessageCodec().decodePayload(type, json));
    }

    @Test
    void burstSamplesAreValid() {
        assertEquals(List.of(), SchemaCheck.errors(SampleEvents.payloadSchemaFile(EventType.STREAM_UPDATE),
                SampleEvents.streamUpdateTitled("x #1")));
    }
}
