package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every JSON example of the API's seed document (copied verbatim into test resources under
 * {@code seed-examples/}) validates against the schemas that describe it.
 */
class SeedExamplesTest {
    private static final String DIRECTORY = "seed-examples/";

    /** Seed example file and the schemas it must satisfy. */
    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry("ticket-success.json", List.of(Schemas.TICKET_RESPONSE)),
            Map.entry("add-event.json", List.of("add-event.json", Schemas.CLIENT_MESSAGE)),
            Map.entry("remove-event.json", List.of("remove-event.json", Schemas.CLIENT_MESSAGE)),
            Map.entry("list-events.json", List.of("list-events.json", Schemas.CLIENT_MESSAGE)),
            Map.entry("welcome.json", List.of("welcome.json", Schemas.SERVER_MESSAGE)),
            Map.entry("event-schedule-update.json", List.of("event.json", Schemas.SERVER_MESSAGE)),
            Map.entry("add-success.json", List.of("add-success.json", Schemas.SERVER_MESSAGE)),
            Map.entry("remove-success.json", List.of("remove-success.json", Schemas.SERVER_MESSAGE)),
            Map.entry("list-events-reply.json", List.of("list-events-reply.json", Schemas.SERVER_MESSAGE)),
            Map.entry("invalid-malformed.json", List.of("invalid.json", Schemas.SERVER_MESSAGE)),
            Map.entry("error-au1.json", List.of(Schemas.API_ERROR)),
            Map.entry("error-au2.json", List.of(Schemas.API_ERROR)),
            Map.entry("error-rl4.json", List.of(Schemas.API_ERROR)));

    static Stream<Arguments> cases() {
        return EXPECTED.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(entry -> entry.getValue().stream().map(schema -> Arguments.of(entry.getKey(), schema)));
    }

    @ParameterizedTest(name = "{0} is a valid {1}")
    @MethodSource("cases")
    void seedExampleValidates(String example, String schema) {
        JsonNode instance = SchemaValidation.readResource(DIRECTORY + example);
        List<Error> errors = SchemaValidation.errors(schema, instance);
        assertTrue(errors.isEmpty(), example + " against " + schema + SchemaValidation.describe(errors));
    }

    @Test
    void theSeedsScheduleUpdatePayloadIsAValidPayload() {
        JsonNode payload = SchemaValidation.readResource(DIRECTORY + "event-schedule-update.json").at("/data/eventData");
        assertTrue(SchemaValidation.errors("schedule-update-payload.json", payload).isEmpty());
    }

    @Test
    void everySeedExampleIsChecked() throws IOException, URISyntaxException {
        Path directory = Path.of(SeedExamplesTest.class.getClassLoader().getResource(DIRECTORY).toURI());
        Set<String> present;
        try (Stream<Path> files = Files.list(directory)) {
            present = files.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(EXPECTED.keySet(), present);
    }
}
