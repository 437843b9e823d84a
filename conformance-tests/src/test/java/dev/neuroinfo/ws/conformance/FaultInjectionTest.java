package dev.neuroinfo.ws.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.conformance.OwnServer.Breakage;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.server.StateBackends;
import dev.neuroinfo.ws.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof that the suite has teeth: our server with one deliberate fault at a time fails exactly the
 * cases that check the broken behaviour, no fewer (the fault is caught) and no more (the other
 * cases do not depend on it). The faults are made here, in test scope: a setting, a seam replaced
 * by a broken double, or a proxy rewriting the wire.
 */
class FaultInjectionTest {
    /** A way to break the server and the cases that must notice. */
    private record InjectedFault(String name, Breakage breakage, Set<String> expectedFailures) {
    }

    private static final List<InjectedFault> FAULTS = List.of(
            // Every case that compares a handshake refusal's body with the catalogue text.
            new InjectedFault("handshake errors answered as JSON", wire(new JsonRefusals()), Set.of(
                    "HS-1a", "HS-3a", "HS-4a", "HS-4b", "HS-6c", "HS-7a", "HS-7b", "HS-7c", "HS-7d", "HS-8a", "HS-9a",
                    "HS-9b", "HS-11a", "HS-13a", "HS-14a", "HS-15a", "TK-12a", "TK-13a", "TK-13b", "TK-14a", "TK-14b",
                    "LIM-1a")),
            // Every case that needs the sixth connection refused.
            new InjectedFault("a connection limit of 6",
                    settings(config -> config.maxConnectionsPerUser(Limits.MAX_CONNECTIONS_PER_USER + 1)),
                    Set.of("HS-11a", "LIM-1a", "LIM-3a", "TK-14b")),
            // Every case that presents a redeemed ticket again.
            new InjectedFault("reusable tickets",
                    backends((chosen, broadcaster) -> chosen.withTickets(new ReusableTicketStore(chosen.tickets()))),
                    Set.of("TK-13a", "TK-13b", "TK-14b")),
            new InjectedFault("eventType \"\" classified invalidEventtype", wire(new EmptyEventTypeAsArray()),
                    Set.of("MSG-11b")),
            // Spacing of a burst, and the replaced updates of a burst being dropped.
            new InjectedFault("no streamUpdate throttle",
                    backends((chosen, broadcaster) -> chosen.withPublisher((type, payload) -> {
                        long timestamp = System.currentTimeMillis();
                        broadcaster.broadcast(type, payload, timestamp);
                        return timestamp;
                    })),
                    Set.of("EVT-8a", "EVT-9a")));

    /**
     * The streamUpdate burst that these cases share waits about 8 s and exercises the publisher's
     * throttle alone, which only the throttle fault touches; the other faults' runs leave it out.
     */
    private static final Set<String> THROTTLE_CASES = Set.of("EVT-8a", "EVT-9a");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> eachFaultFailsExactlyItsCases() {
        return FAULTS.stream().map(fault -> DynamicTest.dynamicTest(fault.name(), () -> {
            Path data = Files.createDirectories(dir.resolve("fault-" + FAULTS.indexOf(fault)));
            SuiteRun run;
            try (OwnServer server = OwnServer.start(data, false, fault.breakage())) {
                SuiteConfig suite = server.suite();
                if (Collections.disjoint(fault.expectedFailures(), THROTTLE_CASES)) {
                    suite = suite.withOnly(ConformanceSuite.allCases().stream().map(ConformanceCase::id)
                            .filter(id -> !THROTTLE_CASES.contains(id)).toList());
                }
                run = ConformanceSuite.run(suite, r -> { });
            }
            assertEquals(new TreeSet<>(fault.expectedFailures()), new TreeSet<>(run.failedIds()),
                    () -> "cases failing with " + fault.name() + ":\n" + run.results().stream()
                            .filter(r -> r.verdict() == Verdict.FAIL)
                            .map(r -> r.testCase().id() + ": " + r.detail())
                            .reduce("", (a, b) -> a + b + "\n"));
        }));
    }

    private static Breakage settings(UnaryOperator<ServerConfig.Builder> change) {
        return new Breakage(change, StateBackends.Override.NONE, null);
    }

    private static Breakage backends(StateBackends.Override override) {
        return new Breakage(UnaryOperator.identity(), override, null);
    }

    private static Breakage wire(WireProxy.Rewrite rewrite) {
        return new Breakage(UnaryOperator.identity(), StateBackends.Override.NONE, rewrite);
    }

    /** Every handshake refusal's text wrapped in a JSON object, labelled as JSON. */
    private static final class JsonRefusals implements WireProxy.Rewrite {
        @Override
        public byte[] refusal(String head, byte[] body) {
            byte[] json = ("{\"error\":\"" + new String(body, StandardCharsets.UTF_8) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            String changed = WireProxy.withHeader(WireProxy.withHeader(head, "Content-Type", "application/json"),
                    "Content-Length", Integer.toString(json.length));
            return WireProxy.concat((changed + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), json);
        }
    }

    /**
     * The server sees an array where the client sent an empty eventType, so it answers
     * invalidEventtype: as if it classified the empty name wrongly.
     */
    private static final class EmptyEventTypeAsArray implements WireProxy.Rewrite {
        @Override
        public byte[] clientText(byte[] payload) {
            return new String(payload, StandardCharsets.UTF_8).contains("\"eventType\":\"\"")
                    ? new String(payload, StandardCharsets.UTF_8).replace("\"eventType\":\"\"", "\"eventType\":[]")
                            .getBytes(StandardCharsets.UTF_8)
                    : payload;
        }
    }
}
