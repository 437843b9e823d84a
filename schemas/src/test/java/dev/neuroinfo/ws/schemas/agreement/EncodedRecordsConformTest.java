package dev.neuroinfo.ws.schemas.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.ClientDecoding;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.codec.PayloadDecoding;
import dev.neuroinfo.ws.protocol.codec.ServerDecoding;
import dev.neuroinfo.ws.protocol.message.ClientMessage;
import dev.neuroinfo.ws.protocol.message.ServerMessage;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.schemas.Schemas;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the codec writes, the schemas accept: every record the codec encodes (every message type,
 * every payload with every optional-field combination and boundary, and a seeded stream of varied
 * ones) validates against its own schema and against the dispatching schema. The codec also reads
 * back what it wrote, which ties this direction to the other: a document the codec accepts from
 * this valid set is one the schemas accept.
 */
class EncodedRecordsConformTest {
    private static final MessageCodec CODEC = new MessageCodec();

    @ParameterizedTest(name = "{0} payloads")
    @EnumSource(EventType.class)
    void everyPayloadValidatesAgainstItsSchemaAndEventData(EventType type) {
        List<EventPayload> payloads = Stream.concat(Samples.exhaustive(type).stream(), Samples.random(type).stream())
                .toList();
        assertTrue(payloads.size() >= Samples.RANDOM_PER_TYPE, "too few samples of " + type);
        StringBuilder failures = new StringBuilder();
        for (EventPayload payload : payloads) {
            String json = CODEC.encodePayload(payload);
            check(failures, payload, AgreementSchemas.payloadSchema(type), json);
            String eventData = "{\"eventType\":\"" + type.wireName() + "\",\"eventData\":" + json + "}";
            check(failures, payload, Schemas.EVENT_DATA, eventData);
            PayloadDecoding decoded = CODEC.decodePayload(type, json);
            if (!(decoded instanceof PayloadDecoding.Decoded d) || !d.payload().equals(payload)) {
                failures.append("\n  ").append(type).append(": codec does not read back what it wrote: ")
                        .append(json).append(" -> ").append(decoded);
            }
        }
        assertTrue(failures.isEmpty(), "encoded " + type + " payloads the schemas reject:" + failures);
    }

    static Stream<Arguments> clientMessages() {
        return Samples.clientMessages().stream().map(m -> Arguments.of(m.type(), m));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("clientMessages")
    void everyClientMessageValidates(String type, ClientMessage message) {
        String problems = clientProblems(message);
        assertTrue(problems.isEmpty(), problems);
    }

    /** One case for the seeded stream: its members differ only in the token's characters. */
    @Test
    void authMessagesWithSeededTokensValidate() {
        StringBuilder problems = new StringBuilder();
        Samples.seededAuths().forEach(message -> problems.append(clientProblems(message)));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    static Stream<Arguments> serverMessages() {
        return Samples.serverMessages().stream().map(m -> Arguments.of(m.type(), m));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("serverMessages")
    void everyServerMessageValidates(String type, ServerMessage message) {
        String problems = serverProblems(message);
        assertTrue(problems.isEmpty(), problems);
    }

    /** One case for all 512 sets: they differ only in which event types the subscribed array holds. */
    @Test
    void listEventsAnswersWithEverySubscriptionSetValidate() {
        List<ServerMessage> answers = Samples.everySubscriptionSet();
        assertEquals(1 << EventType.documentedOrder().size(), answers.size());
        StringBuilder problems = new StringBuilder();
        answers.forEach(message -> problems.append(serverProblems(message)));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    /** What is wrong with the codec's encoding of a client message, or "" when nothing. */
    private static String clientProblems(ClientMessage message) {
        String json = CODEC.encode(message);
        return problems(message, json, AgreementSchemas.clientSchema(message.type()), Schemas.CLIENT_MESSAGE,
                CODEC.decodeClient(json) instanceof ClientDecoding.Decoded d && d.message().equals(message));
    }

    /** What is wrong with the codec's encoding of a server message, or "" when nothing. */
    private static String serverProblems(ServerMessage message) {
        String json = CODEC.encode(message);
        return problems(message, json, AgreementSchemas.serverSchema(message.type()), Schemas.SERVER_MESSAGE,
                CODEC.decodeServer(json) instanceof ServerDecoding.Decoded d && d.message().equals(message));
    }

    private static String problems(Object message, String json, String ownSchema, String dispatchingSchema,
            boolean readBack) {
        StringBuilder problems = new StringBuilder();
        check(problems, message, ownSchema, json);
        check(problems, message, dispatchingSchema, json);
        if (!readBack) {
            problems.append("\n  codec does not read back its own ").append(json);
        }
        return problems.toString();
    }

    private static void check(StringBuilder failures, Object record, String schema, String json) {
        List<Error> errors = AgreementSchemas.errors(schema, json);
        if (!errors.isEmpty()) {
            failures.append("\n  ").append(schema).append(" disagrees at ").append(AgreementSchemas.pointers(errors))
                    .append(" with the encoding of ").append(record).append("\n    document: ").append(json)
                    .append(AgreementSchemas.describe(errors));
        }
    }
}
