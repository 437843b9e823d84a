package dev.neuroinfo.ws.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.config.RecoverySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our server passes every case, and every case runs against it (none skipped): each one a JUnit
 * test. The full run has the recovery extension on, so the seed's cases prove that clients
 * unaware of it notice nothing (REC-3).
 */
class OwnServerConformanceTest {
    @TempDir
    Path dataDir;

    @TestFactory
    Stream<DynamicTest> everyCasePassesOnOurServer() throws Exception {
        return asTests(runAgainstOwnServer(dataDir, false, RecoverySettings.ON, List.of()), RecoverySettings.ON);
    }

    @TestFactory
    Stream<DynamicTest> inbandAuthCasesPassWithInbandAuthOn() throws Exception {
        SuiteRun run = runAgainstOwnServer(dataDir, true, RecoverySettings.OFF, List.of("IBA-*", "HS-7*", "SES-1a", "MSG-8d"));
        return Stream.concat(asTests(run, RecoverySettings.OFF), everyInbandCasePassed(run));
    }

    /**
     * One more test for a run with in-band auth on: every case of the catalogue that needs it ran
     * and passed, so a filter or a configuration that leaves them out cannot pass by running none.
     */
    static Stream<DynamicTest> everyInbandCasePassed(SuiteRun run) {
        List<String> wanted = ConformanceSuite.allCases().stream()
                .filter(c -> c.needs().contains(Need.INBAND_AUTH)).map(ConformanceCase::id).sorted().toList();
        List<String> passed = run.results().stream()
                .filter(r -> r.verdict() == Verdict.PASS && r.testCase().needs().contains(Need.INBAND_AUTH))
                .map(r -> r.testCase().id()).sorted().toList();
        return Stream.of(DynamicTest.dynamicTest("all " + wanted.size() + " in-band cases ran and passed",
                () -> assertEquals(wanted, passed, () -> run.results().stream()
                        .filter(r -> r.testCase().needs().contains(Need.INBAND_AUTH))
                        .map(r -> r.verdict() + " " + r.testCase().id() + " " + r.detail())
                        .collect(Collectors.joining("\n")))));
    }

    @TestFactory
    Stream<DynamicTest> recoveryCasesAreNotApplicableWithoutTheExtension() throws Exception {
        return asTests(runAgainstOwnServer(dataDir, false, RecoverySettings.OFF, List.of("REC-*")), RecoverySettings.OFF);
    }

    private static SuiteRun runAgainstOwnServer(Path dir, boolean inband, RecoverySettings recovery, List<String> only)
            throws Exception {
        try (OwnServer server = OwnServer.start(dir, inband, OwnServer.Breakage.NONE, recovery)) {
            return ConformanceSuite.run(server.suite().withOnly(only), r -> { });
        }
    }

    private static Stream<DynamicTest> asTests(SuiteRun run, RecoverySettings recovery) {
        return run.results().stream().map(r -> DynamicTest.dynamicTest(
                r.verdict() + " " + r.testCase().id() + " (" + r.testCase().clause() + ") " + r.testCase().title(), () -> {
                    // The only cases allowed not to pass: in-band ones on a server without the mode, and
                    // the credential-less handshake ones on a server with it.
                    boolean recoveryCase = r.testCase().clause().startsWith("REC-");
                    boolean expectedNa = r.verdict() == Verdict.NA && (run.config().inbandAuth()
                            && r.testCase().clause().equals("HS-7") || recoveryCase && !recovery.enabled());
                    boolean expectedSkip = r.verdict() == Verdict.SKIP && !run.config().inbandAuth()
                            && r.testCase().needs().contains(Need.INBAND_AUTH);
                    assertTrue(r.verdict() == Verdict.PASS || expectedNa || expectedSkip,
                            () -> r.verdict() + " " + r.detail() + "\n" + String.join("\n", r.wire()));
                }));
    }
}
