package dev.neuroinfo.ws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.TwoPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers start their server on other ports when another process holds the chosen one, with
 * real processes: our server's jar and nginx (without nchan, which not every machine has).
 */
class FreePortsTest {
    private static final String HOST = "127.0.0.1";
    /** Built by the server module before this one (its shaded jar). */
    private static final Path SERVER_JAR = Path.of("../server/target/neuroinfo-server.jar");

    @TempDir
    Path dir;
    private ServerSocket taken;
    /** The ports each launch attempt was given, in order. */
    private final List<Integer> given = new ArrayList<>();

    @BeforeEach
    void takeAPort() throws IOException {
        taken = new ServerSocket(0, 50, InetAddress.getByName(HOST));
    }

    @AfterEach
    void release() throws IOException {
        taken.close();
    }

    /** The taken port {@code takenFirst} times, then free pairs. */
    private FreePorts.Source takenFirst(int times) {
        return () -> {
            int port = given.size() < times ? taken.getLocalPort() : TwoPorts.freePair(HOST);
            given.add(port);
            return port;
        };
    }

    private Path plainNginxConf() throws URISyntaxException {
        return Path.of(getClass().getResource("/plain-nginx.conf").toURI());
    }

    @Test
    void ourServerStartsOnOtherPortsWhenItsPortIsTaken() throws Exception {
        assertTrue(Files.isRegularFile(SERVER_JAR), "no " + SERVER_JAR + ": build the server module first");
        try (NeuroInfoServer server = NeuroInfoServer.launch(SERVER_JAR, dir, null, List.of(), List.of(), 1,
                takenFirst(1))) {
            assertEquals(2, given.size(), "one more pair after the taken one");
            assertEquals(given.get(1), server.publisher("c", new EventFactory()).port(), "serves on the second pair");
            try (HttpLite http = new HttpLite(HOST, given.get(1))) {
                assertEquals(200, http.get("/api/health", null).status());
            }
        }
    }

    @Test
    void nginxStartsOnOtherPortsWhenItsPortIsTaken() throws Exception {
        try (NchanServer server = NchanServer.launch(plainNginxConf(), dir.resolve("nginx"), null, 1, takenFirst(2))) {
            assertEquals(3, given.size(), "two taken pairs, then a free one");
            try (HttpLite http = new HttpLite(HOST, given.get(2))) {
                assertEquals(200, http.get("/", null).status());
            }
        }
    }

    @Test
    void aLaunchGivesUpAfterAsManyTakenPairsAsItTries() throws Exception {
        ServerProcess.PortTakenException e = assertThrows(ServerProcess.PortTakenException.class,
                () -> NchanServer.launch(plainNginxConf(), dir.resolve("nginx"), null, 1, takenFirst(Integer.MAX_VALUE)));
        assertEquals(FreePorts.ATTEMPTS, given.size());
        assertTrue(e.getMessage().contains("port " + taken.getLocalPort() + " was taken"), e.getMessage());
    }

    @Test
    void anotherFailureIsNotRetried() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.conf"), "worker_processes @WORKERS@;\nno_such_directive on;\n");
        IOException e = assertThrows(IOException.class,
                () -> NchanServer.launch(broken, dir.resolve("nginx"), null, 1, takenFirst(0)));
        assertFalse(e instanceof ServerProcess.PortTakenException, e.getMessage());
        assertEquals(1, given.size(), "tried once");
        assertTrue(e.getMessage().contains("no_such_directive"), e.getMessage());
    }
}
