package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Each document in {@code negative-examples.json} breaks exactly one rule and must be rejected
 * for that rule: the validator must report the named keyword at the named instance location, so
 * a document that fails for some other reason does not count.
 */
class NegativeExamplesTest {

    static Stream<Arguments> cases() {
        JsonNode cases = SchemaValidation.readResource("negative-examples.json");
        return StreamSupport.stream(cases.spliterator(), false).map(c -> Arguments.of(
                c.path("rule").asString(), c.path("schema").asString(), c.path("keyword").asString(),
                c.path("at").asString(), c.path("instance")));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("cases")
    void documentBreakingTheRuleIsRejected(String rule, String schema, String keyword, String at, JsonNode instance) {
        List<Error> errors = SchemaValidation.errors(schema, instance);
        assertFalse(errors.isEmpty(), "rule not enforced: " + rule);
        boolean forThisRule = errors.stream().anyMatch(
                error -> keyword.equals(error.getKeyword()) && at.equals(error.getInstanceLocation().toString()));
        assertTrue(forThisRule, "rule \"" + rule + "\" expected " + keyword + " at '" + at + "', got"
                + SchemaValidation.describe(errors));
    }
}
