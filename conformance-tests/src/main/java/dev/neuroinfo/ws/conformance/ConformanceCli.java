package dev.neuroinfo.ws.conformance;

import dev.neuroinfo.ws.conformance.report.ConsoleReport;
import dev.neuroinfo.ws.conformance.report.JUnitXmlReport;
import dev.neuroinfo.ws.conformance.report.JsonReport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar neuroinfo-conformance.jar --http ... --token ...}: runs the suite against any server. */
@Command(name = "neuroinfo-conformance", mixinStandardHelpOptions = true, sortOptions = false,
        version = "neuroinfo-conformance 0.1.0",
        description = {"Checks a NeuroInfo WebSocket API server against docs/protocol.md.",
                "Each case cites one clause; a failed MUST case fails the run (exit 1), SHOULD cases are reported apart.",
                "Exit codes: 0 no MUST case failed, 1 a MUST case failed, 2 bad usage."})
public final class ConformanceCli implements Callable<Integer> {
    @Option(names = "--http", paramLabel = "URL", defaultValue = "${env:NEUROINFO_CONFORMANCE_HTTP}",
            description = "Base URL of the HTTP API (ticket endpoint), e.g. http://127.0.0.1:8080, or http://host:8080/context below a context path. Env: NEUROINFO_CONFORMANCE_HTTP.")
    URI http;

    @Option(names = "--ws", paramLabel = "URL", defaultValue = "${env:NEUROINFO_CONFORMANCE_WS}",
            description = "WebSocket URL, e.g. ws://127.0.0.1:8081/api/ws. Default: the HTTP port + 1, path /api/ws."
                    + " Also the URL expected in the ticket's usage text. Env: NEUROINFO_CONFORMANCE_WS.")
    URI ws;

    @Option(names = "--token", paramLabel = "T1", defaultValue = "${env:NEUROINFO_CONFORMANCE_TOKEN}",
            description = "A limited API token. Its user must hold no other connections during the run (the limit"
                    + " cases open all 5). Env: NEUROINFO_CONFORMANCE_TOKEN.")
    String token;

    @Option(names = "--token2", paramLabel = "T2", defaultValue = "${env:NEUROINFO_CONFORMANCE_TOKEN2}",
            description = "Optional limited API token of ANOTHER user; lets the keepalive probes run in the background.")
    String token2;

    @Option(names = "--unlimited-token", paramLabel = "U", defaultValue = "${env:NEUROINFO_CONFORMANCE_UNLIMITED_TOKEN}",
            description = "Optional unlimited API token: enables LIM-4a; preferred for background probes.")
    String unlimitedToken;

    @Option(names = "--admin-token", paramLabel = "A", defaultValue = "${env:NEUROINFO_CONFORMANCE_ADMIN_TOKEN}",
            description = "Optional admin token: events are published via POST {http}/api/admin/events (ADM-2);"
                    + " enables the EVT, ADM and HS-9b cases.")
    String adminToken;

    @Option(names = "--rate-limit-token", paramLabel = "R", defaultValue = "${env:NEUROINFO_CONFORMANCE_RATE_LIMIT_TOKEN}",
            description = "Optional API token the suite may exhaust (101 ticket requests); unused in the last minute."
                    + " Enables TK-6a, LIM-7a, LIM-8a.")
    String rateLimitToken;

    @Option(names = "--publish-command", paramLabel = "CMD",
            description = "Optional command that publishes one event; run as CMD <eventType> <eventDataJson>, exit 0 on"
                    + " success. Used for the EVT cases when --admin-token is not given. Split on spaces.")
    String publishCommand;

    @Option(names = "--inband-auth", description = "The server runs with in-band authentication on: runs the IBA cases;"
            + " the credential-less HS-7 cases become N/A.")
    boolean inbandAuth;

    @Option(names = "--slow", description = "Also run cases that wait longer than 15 s at the configured timings"
            + " (ticket expiry, idle timeout).")
    boolean slow;

    @Option(names = "--only", split = ",", paramLabel = "GLOB",
            description = "Run only cases whose case id or clause id matches, e.g. --only 'HS-*,TK-13a'. Repeatable.")
    List<String> only = new ArrayList<>();

    @Option(names = "--list", description = "Print the case catalogue (id, clause, level, needs, title) as a"
            + " Markdown table and exit; needs no server.")
    boolean list;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write "
            + JUnitXmlReport.FILE + " and " + JsonReport.FILE + " here.")
    Path reportDir;

    @Option(names = "--ping-interval", paramLabel = "DURATION", defaultValue = "25s", converter = DurationConverter.class,
            description = "The server's ping interval (default ${DEFAULT-VALUE}; conformance is judged at 25s).")
    Duration pingInterval;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "The server's idle timeout (default ${DEFAULT-VALUE}; conformance is judged at 60s).")
    Duration idleTimeout;

    @Option(names = "--ticket-ttl", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "The server's ticket lifetime (default ${DEFAULT-VALUE}; conformance is judged at 30s).")
    Duration ticketTtl;

    @Option(names = "--inband-auth-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "The server's in-band authentication deadline (default ${DEFAULT-VALUE}).")
    Duration inbandAuthTimeout;

    @Option(names = "--reply-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long to wait for any single expected answer (default ${DEFAULT-VALUE}).")
    Duration replyTimeout;

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and answers its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new ConformanceCli());
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        if (list) {
            System.out.print(CaseTable.markdown(ConformanceSuite.allCases()));
            return 0;
        }
        if (http == null || token == null || token.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--http and --token are required");
        }
        SuiteConfig config = toConfig();
        ConsoleReport console = new ConsoleReport(System.out);
        System.out.println("NeuroInfo conformance: " + config.http() + " and " + config.ws());
        SuiteRun run = ConformanceSuite.run(config, console::caseDone);
        console.summary(run);
        if (reportDir != null) {
            System.out.println("reports: " + JUnitXmlReport.write(run, reportDir) + ", " + JsonReport.write(run, reportDir));
        }
        return run.conforms() ? 0 : 1;
    }

    SuiteConfig toConfig() {
        URI webSocket = ws != null ? ws : SuiteConfig.defaultWebSocketUri(http);
        List<String> command = publishCommand == null || publishCommand.isBlank()
                ? List.of() : Arrays.asList(publishCommand.trim().split("\\s+"));
        return new SuiteConfig(http, webSocket, token, blankToNull(token2), blankToNull(unlimitedToken),
                blankToNull(adminToken), blankToNull(rateLimitToken), command, inbandAuth, slow, only, reportDir,
                pingInterval, idleTimeout, ticketTtl, inbandAuthTimeout, replyTimeout);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Reads {@code 25s}, {@code 500ms}, {@code 2m} or ISO-8601 {@code PT25S}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            if (v.startsWith("pt")) {
                return Duration.parse(value.trim());
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
            }
            throw new CommandLine.TypeConversionException("not a duration: " + value + " (use e.g. 25s, 500ms, 2m)");
        }
    }
}
