package dev.neuroinfo.ws.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.neuroinfo.ws.protocol.CloseCodes;
import dev.neuroinfo.ws.server.OnFreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged WAR in a container's standalone distribution, installed with the operator's files
 * that docs/deployment.md shows: the conformance suite (every verdict as expected for this
 * container), revocation and slow consumer, a redeploy that leaves no thread behind, and a stop
 * that closes every connection with 1001; slots of connections dropped right after the 101 come back
 * within 2 s. Keepalive runs with short timings given through the
 * environment, so that the suite needs no long waits; the slow cases are left to the embedded runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class StandaloneContainerTest {
    /**
     * A line of a stack trace, or one at error level: java.util.logging's SEVERE, the ERROR of the
     * other loggers, Liberty's message ids ending in E.
     */
    private static final Pattern LOUD = Pattern.compile(
            "^\\s+at [\\w$.<>/]+\\(|^Caused by: |\\bSEVERE\\b|\\bERROR\\b|\\s[EF] [A-Z]{4,5}\\d{4}E:");
    private StandaloneServer server;

    /** The container, not yet installed. */
    abstract StandaloneServer server(Path work, Path war) throws Exception;

    /** How soon a connection dropped right after its 101 gives its slot back on this container. */
    Duration dropRelease() {
        return ContainerChecks.DROP_RELEASE;
    }

    /** Why the slow-consumer check does not run on this container; null when it runs. */
    String slowConsumerNotChecked() {
        return server.reportsWritesWhenSent() ? null : server.name + " completes a send when it queues it, so the"
                + " server cannot see a client that stopped reading (docs/deployment.md)";
    }

    /** Why the stop check does not run on this container; null when it runs. */
    String stopNotChecked() {
        return null;
    }

    @BeforeAll
    void installAndStart() throws Exception {
        Path war = Path.of(System.getProperty("neuroinfo.war", "target/neuroinfo-server.war"));
        assertTrue(Files.isRegularFile(war), "the packaged WAR at " + war);
        Path work = Files.createDirectories(Path.of(System.getProperty("neuroinfo.standalone", "target/standalone")));
        server = OnFreePort.retried(() -> installedAndStarted(work, war));
    }

    /**
     * The container installed on ports free when picked and started, which binds them only once it
     * runs, most of a minute later on a loaded machine. When its log says a port was taken meanwhile
     * (some containers exit then, others run on without that listener), the failure says so, so
     * that the container is installed again on other ports.
     */
    private StandaloneServer installedAndStarted(Path work, Path war) throws IOException, InterruptedException {
        StandaloneServer candidate;
        try {
            candidate = server(work, war);
        } catch (Exception e) {
            throw e instanceof IOException io ? io : new IOException("could not set up the container", e);
        }
        try {
            // short keepalive timings and a small queue, given as the environment any container passes on
            candidate.environment("NEUROINFO_PING_INTERVAL", String.valueOf(WarConformanceTest.PING.toSeconds()));
            candidate.environment("NEUROINFO_IDLE_TIMEOUT", String.valueOf(WarConformanceTest.IDLE.toSeconds()));
            candidate.environment("NEUROINFO_QUEUE_LIMIT", String.valueOf(WarConformanceTest.QUEUE_LIMIT));
            candidate.install();
            candidate.start();
            return candidate;
        } catch (Exception e) {
            candidate.close();
            if (OnFreePort.portTaken(candidate.log())) {
                throw new IOException(candidate.name + " could not bind a port: its log says Address already in use", e);
            }
            throw e instanceof IOException io ? io : new IOException(candidate.name + " did not start", e);
        }
    }

    @AfterAll
    void kill() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void conforms() throws Exception {
        SuiteDriver.runAndCheck("standalone-" + server.name, SuiteDriver.config(server.http(), admin(),
                WarConformanceTest.PING, WarConformanceTest.IDLE));
    }

    @Test
    @Order(2)
    void revokingATokenClosesItsConnections() throws Exception {
        ContainerChecks.revocationClosesConnections(server.ws(), admin());
    }

    @Test
    @Order(3)
    void connectionsDroppedRightAfterTheUpgradeFreeTheirSlots() throws Exception {
        ContainerChecks.droppedConnectionsFreeTheirSlots(server.ws(), admin(), dropRelease());
    }

    @Test
    @Order(3)
    void aSlowConsumerIsClosedAndOthersKeepReceiving() throws Exception {
        assumeTrue(slowConsumerNotChecked() == null, slowConsumerNotChecked());
        ContainerChecks.slowConsumerIsClosed(server.ws(), admin());
    }

    /**
     * Request bodies cut short by their clients (announced and chunked, ended by a close or a
     * reset) are the clients' doing: the container's log gains no stack trace and no error line
     * for them (on every container here; docs/deployment.md lists what each records otherwise),
     * and the deployment serves on. The token created afterwards logs its creation: the log is
     * read once that line is in it. The cuts that end the client's stream are answered (or
     * closed) before; the resets, sent first, cannot be awaited, nothing is left to read them on.
     */
    @Test
    @Order(3)
    void bodiesCutShortLogNoStackTraceAndTheServerServesOn() throws Exception {
        int before = server.log().length();
        List<String> answers = new CutBodies(server.http(), admin().adminToken()).cutEach();
        System.out.println("== cut bodies on " + server.name + ": " + answers);
        assertEquals(200, server.healthStatus(), "health after the cut bodies");
        String user = "after-cut-bodies";
        admin().create(user, false);
        String marker = "for user " + user + " ";
        Polls.until("the log line of the token created after the cut bodies",
                () -> server.log().indexOf(marker, before) >= 0);
        String logged = server.log().substring(before);
        List<String> loud = logged.lines().filter(line -> LOUD.matcher(line).find()).toList();
        assertEquals(List.of(), loud, server.name + " logged for request bodies cut short (answers: " + answers + ")");
    }

    /** A redeploy serves the same data again, and the container reports no thread left running. */
    @Test
    @Order(4)
    void redeploysWithoutLeavingThreads() throws Exception {
        assumeTrue(server.redeploysInPlace(), server.name + " is restarted to update the WAR");
        long before = server.deployments();
        server.redeploy();
        // a redeploy is a deployment and gets the first one's bound: WildFly's took over 30 s at load 20
        server.whileRunning("deploy the WAR again", () -> server.deployments() > before);
        server.whileRunning("serve the redeployed WAR", () -> server.healthStatus() == 200);
        String token = admin().create("after-redeploy", false).secret();
        assertEquals(101, RawHandshake.upgrade(server.ws(), "Bearer " + token).status());
        assertEquals(List.of(), server.leaks(), "threads the undeployed WAR left running, as " + server.name + " reports");
    }

    /**
     * Last: stopping the container as its service manager does (SIGTERM, or the container's
     * documented stop command) closes every connection with 1001 (KA-7), and the container exits.
     */
    @Test
    @Order(5)
    void stoppingClosesEveryConnectionWithGoingAway() throws Exception {
        assumeTrue(stopNotChecked() == null, stopNotChecked());
        String token = admin().create("shutdown", false).secret();
        try (ClosingClients clients = new ClosingClients(server.ws(), token, 3)) {
            assertTrue(server.stop(), server.name + " exits when stopped");
            assertEquals(Collections.nCopies(3, CloseCodes.GOING_AWAY), clients.closeCodes(30),
                    "close codes; connections that failed: " + clients.errors());
        }
    }

    private AdminClient admin() throws Exception {
        return new AdminClient(server.http(), server.dataDir);
    }
}
