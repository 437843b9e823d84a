package dev.neuroinfo.ws.war;

import dev.neuroinfo.ws.conformance.ConformanceSuite;
import dev.neuroinfo.ws.conformance.SuiteConfig;
import dev.neuroinfo.ws.conformance.SuiteRun;
import dev.neuroinfo.ws.conformance.report.ConsoleReport;
import dev.neuroinfo.ws.conformance.report.JUnitXmlReport;
import dev.neuroinfo.ws.conformance.report.JsonReport;
import dev.neuroinfo.ws.protocol.Limits;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Runs the conformance suite against one deployment of the WAR and checks its verdicts. */
final class SuiteDriver {
    private SuiteDriver() {
    }

    /**
     * The suite's configuration for a deployment, with tokens made through its admin API.
     *
     * @param base the deployment's base URL (with its context path)
     */
    static SuiteConfig config(URI base, AdminClient admin, Duration ping, Duration idle)
            throws IOException, InterruptedException {
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/api/ws");
        return SuiteConfig.of(base, ws, admin.create("conformance-1", false).secret())
                .withToken2(admin.create("conformance-2", false).secret())
                .withUnlimitedToken(admin.create("conformance-unlimited", true).secret())
                .withRateLimitToken(admin.create("conformance-rate", false).secret())
                .withAdminToken(admin.adminToken())
                .withTimings(ping, idle, Limits.TICKET_TTL, Limits.INBAND_AUTH_TIMEOUT);
    }

    /** The same configuration with the cases that wait longer (ticket expiry) switched on. */
    static SuiteConfig slow(SuiteConfig c) {
        return new SuiteConfig(c.http(), c.ws(), c.token(), c.token2(), c.unlimitedToken(), c.adminToken(),
                c.rateLimitToken(), c.publishCommand(), c.inbandAuth(), true, c.only(), c.reportDir(),
                c.pingInterval(), c.idleTimeout(), c.ticketTtl(), c.inbandAuthTimeout(), c.replyTimeout());
    }

    /**
     * Runs the suite, writes its reports to {@code <reports>/<label>/} and checks every verdict
     * against {@code expected-verdicts/<label>.txt}.
     */
    static SuiteRun runAndCheck(String label, SuiteConfig config) throws IOException {
        Path reports = Path.of(System.getProperty("neuroinfo.reports", "target/conformance")).resolve(label);
        System.out.println("== conformance suite against the WAR in " + label + " (" + config.http() + ")");
        ConsoleReport console = new ConsoleReport(System.out);
        SuiteRun run = ConformanceSuite.run(config.withReportDir(reports), console::caseDone);
        console.summary(run);
        JUnitXmlReport.write(run, reports);
        JsonReport.write(run, reports);
        ExpectedVerdicts.of(label).check(run);
        return run;
    }
}
