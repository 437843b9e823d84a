package dev.neuroinfo.ws.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.server.config.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof that the suite has teeth: our server with one deliberate fault at a time fails exactly the
 * cases that check the broken behaviour, no fewer (the fault is caught) and no more (the other
 * cases do not depend on it).
 */
class FaultInjectionTest {
    private static final Map<Fault, Set<String>> EXPECTED_FAILURES = new EnumMap<>(Fault.class);

    static {
        // Every case that compares a handshake refusal's body with the catalogue text.
        EXPECTED_FAILURES.put(Fault.JSON_HANDSHAKE_ERRORS, Set.of(
                "HS-1a", "HS-3a", "HS-4a", "HS-4b", "HS-6c", "HS-7a", "HS-7b", "HS-7c", "HS-7d", "HS-8a", "HS-9a",
                "HS-9b", "HS-11a", "HS-13a", "HS-14a", "HS-15a", "TK-12a", "TK-13a", "TK-13b", "TK-14a", "TK-14b",
                "LIM-1a"));
        // Every case that needs the sixth connection refused.
        EXPECTED_FAILURES.put(Fault.LIMIT_OF_SIX, Set.of("HS-11a", "LIM-1a", "LIM-3a", "TK-14b"));
        // Every case that presents a redeemed ticket again.
        EXPECTED_FAILURES.put(Fault.REUSABLE_TICKETS, Set.of("TK-13a", "TK-13b", "TK-14b"));
        EXPECTED_FAILURES.put(Fault.WRONG_REASON_FOR_EMPTY_EVENTTYPE, Set.of("MSG-11b"));
        // Spacing of a burst, and the replaced updates of a burst being dropped.
        EXPECTED_FAILURES.put(Fault.NO_THROTTLE, Set.of("EVT-8a", "EVT-9a"));
    }

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> eachFaultFailsExactlyItsCases() {
        return Stream.of(Fault.values()).map(fault -> DynamicTest.dynamicTest(fault.name(), () -> {
            Path data = Files.createDirectories(dir.resolve(fault.name()));
            SuiteRun run;
            try (OwnServer server = OwnServer.start(data, false, Set.of(fault))) {
                run = ConformanceSuite.run(server.suite(), r -> { });
            }
            assertEquals(new TreeSet<>(EXPECTED_FAILURES.get(fault)), new TreeSet<>(run.failedIds()),
                    () -> "cases failing with " + fault + ":\n" + run.results().stream()
                            .filter(r -> r.verdict() == Verdict.FAIL)
                            .map(r -> r.testCase().id() + ": " + r.detail())
                            .reduce("", (a, b) -> a + b + "\n"));
        }));
    }
}
