package dev.neuroinfo.ws.schemas.agreement;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.ClientDecoding;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.codec.PayloadDecoding;
import dev.neuroinfo.ws.protocol.codec.ServerDecoding;
import dev.neuroinfo.ws.protocol.message.ClientMessage;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.message.ServerMessage;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.schemas.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Documents the schemas reject, the codec rejects, and documents the codec accepts, the schemas
 * accept. The documents are the curated negative examples and every single-place mutation of valid
 * client messages, server messages and event payloads. A client message the schema rejects must
 * decode to {@link ClientDecoding.Rejected}, a server message to {@link ServerDecoding.Undecodable}
 * and a payload to {@link PayloadDecoding.Undecodable}; the only exception is listed in
 * {@link KnownDifferences}. Every failure names the JSON pointer where the two disagree.
 */
class SchemaRejectionAgreementTest {
    private static final MessageCodec CODEC = new MessageCodec();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final System.Logger REPORT = System.getLogger(SchemaRejectionAgreementTest.class.getName());

    // ---------------------------------------------------------------- mutants

    static Stream<Arguments> clientBases() {
        Map<String, ClientMessage> bases = new LinkedHashMap<>();
        for (ClientMessage message : Samples.clientMessages()) {
            bases.putIfAbsent(message.type(), message);
        }
        return bases.values().stream().map(m -> Arguments.of(m.type(), CODEC.encode(m)));
    }

    @ParameterizedTest(name = "mutants of {0}")
    @MethodSource("clientBases")
    void clientMessageMutants(String type, String base) {
        Tally tally = new Tally(base);
        for (Mutant mutant : Mutator.mutants(base)) {
            Optional<String> decoded = accepted(CODEC.decodeClient(mutant.json()));
            tally.judge(mutant, Schemas.CLIENT_MESSAGE, decoded, null);
            tally.sameVerdictWhenTypeKept(mutant, type, AgreementSchemas.clientSchema(type), Schemas.CLIENT_MESSAGE);
        }
        tally.assertAgreement();
    }

    static Stream<Arguments> serverBases() {
        List<Arguments> bases = new ArrayList<>();
        Map<String, ServerMessage> firstOfType = new LinkedHashMap<>();
        for (ServerMessage message : Samples.serverMessages()) {
            if (message instanceof Event event) {
                for (EventPayload payload : richest(event.eventType())) {
                    bases.add(Arguments.of("event " + event.eventType(),
                            CODEC.encode(new Event(event.eventType(), payload, 1766924114000L))));
                }
            } else {
                firstOfType.putIfAbsent(message.type(), message);
            }
        }
        firstOfType.values().forEach(m -> bases.add(Arguments.of(m.type(), CODEC.encode(m))));
        Map<Object, Arguments> distinct = new LinkedHashMap<>();
        bases.forEach(b -> distinct.putIfAbsent(b.get()[1], b));
        return distinct.values().stream();
    }

    @ParameterizedTest(name = "mutants of {0}: {1}")
    @MethodSource("serverBases")
    void serverMessageMutants(String name, String base) {
        Tally tally = new Tally(base);
        String type = name.split(" ")[0];
        String payloadRoot = type.equals("event") ? KnownDifferences.eventPayloadRoot() : null;
        for (Mutant mutant : Mutator.mutants(base)) {
            Optional<String> decoded = accepted(CODEC.decodeServer(mutant.json()));
            tally.judge(mutant, Schemas.SERVER_MESSAGE, decoded, payloadRoot);
            tally.sameVerdictWhenTypeKept(mutant, type, AgreementSchemas.serverSchema(type), Schemas.SERVER_MESSAGE);
        }
        tally.assertAgreement();
    }

    static Stream<Arguments> payloadBases() {
        return EventType.documentedOrder().stream().flatMap(type -> richest(type).stream()
                .map(p -> Arguments.of(type, CODEC.encodePayload(p))));
    }

    @ParameterizedTest(name = "mutants of {0} payload: {1}")
    @MethodSource("payloadBases")
    void payloadMutants(EventType type, String base) {
        Tally tally = new Tally(base);
        String schema = AgreementSchemas.payloadSchema(type);
        for (Mutant mutant : Mutator.mutants(base)) {
            Optional<String> decoded = accepted(CODEC.decodePayload(type, mutant.json()));
            tally.judge(mutant, schema, decoded, "");
            String wrapped = "{\"eventType\":\"" + type.wireName() + "\",\"eventData\":" + mutant.json() + "}";
            boolean payloadValid = AgreementSchemas.errors(schema, mutant.json()).isEmpty();
            List<Error> dispatched = AgreementSchemas.errors(Schemas.EVENT_DATA, wrapped);
            if (payloadValid != dispatched.isEmpty()) {
                tally.fail(mutant, schema + " and " + Schemas.EVENT_DATA + " disagree; event-data says "
                        + AgreementSchemas.pointers(dispatched));
            }
        }
        tally.assertAgreement();
    }

    /** Payloads with every optional member present and every list and map non-empty, plus endTimestamp null. */
    private static List<EventPayload> richest(EventType type) {
        List<EventPayload> all = Samples.exhaustive(type);
        int longest = all.stream().mapToInt(p -> CODEC.encodePayload(p).length()).max().orElseThrow();
        List<EventPayload> chosen = new ArrayList<>();
        all.stream().filter(p -> CODEC.encodePayload(p).length() == longest).findFirst().ifPresent(chosen::add);
        all.stream().filter(p -> CODEC.encodePayload(p).contains("\"endTimestamp\":null")
                && CODEC.encodePayload(p).contains("startTimestamp")).findFirst().ifPresent(chosen::add);
        return chosen;
    }

    // ---------------------------------------------------------------- curated negative examples

    /** Schemas the codec has no decoder for: the HTTP bodies, which the codec only writes. */
    private static final List<String> NOT_DECODED = List.of(Schemas.TICKET_RESPONSE, Schemas.API_ERROR);

    /** Where a part schema's instance goes inside a valid payload, so that the codec can read it. */
    private static final Map<String, PartHost> PART_HOSTS = Map.of(
            "game.json", new PartHost(EventType.STREAM_UPDATE, "game"),
            "raid-channel.json", new PartHost(EventType.STREAM_RAID_INCOMING, "channel"),
            "subathon-goal.json", new PartHost(EventType.SUBATHON_GOAL_UPDATE, "goal"),
            "schedule-entry.json", new PartHost(EventType.SCHEDULE_UPDATE, "schedule"));

    private record PartHost(EventType type, String member) {
    }

    static Stream<Arguments> negativeExamples() {
        JsonNode cases;
        try (InputStream in = SchemaRejectionAgreementTest.class.getClassLoader()
                .getResourceAsStream("negative-examples.json")) {
            cases = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return StreamSupport.stream(cases.spliterator(), false)
                .filter(c -> !NOT_DECODED.contains(c.path("schema").asText()))
                .map(c -> Arguments.of(c.path("rule").asText(), c.path("schema").asText(), c.path("keyword").asText(),
                        c.path("at").asText(), c.path("instance")));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("negativeExamples")
    void codecRejectsEveryNegativeExample(String rule, String schema, String keyword, String at, JsonNode instance) {
        Optional<String> decoded = decodeAsTheSchemaReads(schema, instance);
        if (KnownDifferences.isPayloadExtraMember(keyword, isPayloadOrPart(schema))) {
            assertTrue(decoded.isPresent(), "listed as a known difference (" + KnownDifferences.PAYLOAD_EXTRA_MEMBER
                    + ") but the codec rejects rule \"" + rule + "\" at '" + at + "'");
        } else {
            assertTrue(decoded.isEmpty(), "rule \"" + rule + "\": " + schema + " rejects at '" + at + "' (" + keyword
                    + ") but the codec accepts " + instance + " as " + decoded.orElse(""));
        }
    }

    private static Optional<String> decodeAsTheSchemaReads(String schema, JsonNode instance) {
        if (schema.endsWith("-payload.json")) {
            return accepted(CODEC.decodePayload(eventTypeOfPayloadSchema(schema), instance.toString()));
        }
        if (PART_HOSTS.containsKey(schema)) {
            PartHost host = PART_HOSTS.get(schema);
            ObjectNode payload = (ObjectNode) readTree(CODEC.encodePayload(richest(host.type()).get(0)));
            if (payload.get(host.member()).isArray()) {
                ((ArrayNode) payload.get(host.member())).set(0, instance);
            } else {
                payload.set(host.member(), instance);
            }
            return accepted(CODEC.decodePayload(host.type(), payload.toString()));
        }
        if (schema.equals(Schemas.EVENT_DATA)) {
            ObjectNode data = instance.deepCopy();
            data.put("timestamp", 1766924114000L);
            ObjectNode message = MAPPER.createObjectNode().put("type", "event");
            message.set("data", data);
            return accepted(CODEC.decodeServer(message.toString()));
        }
        if (isClientSchema(schema)) {
            return accepted(CODEC.decodeClient(instance.toString()));
        }
        return accepted(CODEC.decodeServer(instance.toString()));
    }

    private static boolean isClientSchema(String schema) {
        return schema.equals(Schemas.CLIENT_MESSAGE) || Stream.of("addEvent", "removeEvent", "listEvents", "auth")
                .map(AgreementSchemas::clientSchema).anyMatch(schema::equals);
    }

    private static boolean isPayloadOrPart(String schema) {
        return schema.endsWith("-payload.json") || PART_HOSTS.containsKey(schema);
    }

    private static EventType eventTypeOfPayloadSchema(String schema) {
        return EventType.documentedOrder().stream().filter(t -> AgreementSchemas.payloadSchema(t).equals(schema))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no event type for " + schema));
    }

    // ---------------------------------------------------------------- verdicts

    /** The decoded record's text when the codec accepted, empty when it rejected. */
    private static Optional<String> accepted(ClientDecoding decoding) {
        return decoding instanceof ClientDecoding.Decoded d ? Optional.of(d.message().toString()) : Optional.empty();
    }

    private static Optional<String> accepted(ServerDecoding decoding) {
        return decoding instanceof ServerDecoding.Decoded d ? Optional.of(d.message().toString()) : Optional.empty();
    }

    private static Optional<String> accepted(PayloadDecoding decoding) {
        return decoding instanceof PayloadDecoding.Decoded d ? Optional.of(d.payload().toString()) : Optional.empty();
    }

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects the disagreements over the mutants of one base document. */
    private static final class Tally {
        private final String base;
        private final List<String> failures = new ArrayList<>();
        private int cases;
        private int known;

        Tally(String base) {
            this.base = base;
        }

        /**
         * Schema rejects ⇔ codec rejects, except for the differences {@link KnownDifferences}
         * lists; difference 1 must then hold exactly as described (the codec does accept).
         */
        void judge(Mutant mutant, String schema, Optional<String> decoded, String payloadRoot) {
            cases++;
            List<Error> errors = AgreementSchemas.errors(schema, mutant.json());
            List<String> keywords = errors.stream().map(Error::getKeyword).toList();
            if (KnownDifferences.isPayloadExtraMember(mutant, payloadRoot, keywords)) {
                known++;
                if (decoded.isEmpty()) {
                    fail(mutant, "listed as " + KnownDifferences.PAYLOAD_EXTRA_MEMBER + ", but the codec rejects it");
                }
            } else if (!errors.isEmpty() && decoded.isPresent()) {
                fail(mutant, schema + " rejects at " + AgreementSchemas.pointers(errors) + " but the codec accepts it as "
                        + decoded.get() + AgreementSchemas.describe(errors));
            } else if (errors.isEmpty() && decoded.isEmpty()) {
                if (KnownDifferences.isIntegerBeyondJavaType(mutant)) {
                    known++;
                } else {
                    fail(mutant, schema + " accepts it but the codec rejects it");
                }
            }
        }

        /** While {@code type} is unchanged, the per-message and the dispatching schema agree. */
        void sameVerdictWhenTypeKept(Mutant mutant, String type, String ownSchema, String dispatcher) {
            JsonNode doc = readTree(mutant.json());
            if (!doc.path("type").isTextual() || !doc.path("type").textValue().equals(type)) {
                return;
            }
            List<Error> own = AgreementSchemas.errors(ownSchema, mutant.json());
            List<Error> dispatched = AgreementSchemas.errors(dispatcher, mutant.json());
            if (own.isEmpty() != dispatched.isEmpty()) {
                fail(mutant, ownSchema + " says " + AgreementSchemas.pointers(own) + " but " + dispatcher + " says "
                        + AgreementSchemas.pointers(dispatched));
            }
        }

        void fail(Mutant mutant, String why) {
            failures.add("\n  " + mutant + ": " + why + "\n    document: " + mutant.json());
        }

        void assertAgreement() {
            assertTrue(cases > 0, "no mutants of " + base);
            assertTrue(failures.isEmpty(), failures.size() + " of " + cases + " mutants of " + base
                    + " where schema and codec disagree:" + String.join("", failures));
            REPORT.log(System.Logger.Level.INFO, "{0} mutants of {1}: agree, {2} of them by a listed known difference",
                    cases, base, known);
        }
    }
}
