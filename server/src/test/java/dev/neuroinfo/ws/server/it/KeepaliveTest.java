package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pings and the idle timeout (shortened for the test). */
class KeepaliveTest {
    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dataDir, config -> config
                .withKeepalive(Duration.ofMillis(300), Duration.ofMillis(1500)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theServerPings() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("ping"))) {
            RawWebSocket.Frame frame = socket.readFrame(TestServer.WAIT);
            assertEquals(RawWebSocket.PING, frame.opcode());
        }
    }

    @Test
    void aSilentClientIsClosedWith1001() throws IOException {
        try (RawWebSocket socket = server.connect(server.token("silent"))) {
            assertEquals(1001, socket.awaitClose(TestServer.WAIT, false));
        }
    }

    @Test
    void aClientThatAnswersPingsStaysPastTheIdleTimeout() throws IOException, InterruptedException {
        try (RawWebSocket socket = server.connect(server.token("alive"))) {
            long until = System.nanoTime() + Duration.ofMillis(3500).toNanos();
            while (System.nanoTime() < until) {
                RawWebSocket.Frame frame = socket.readFrame(Duration.ofMillis(200));
                if (frame != null) {
                    assertEquals(RawWebSocket.PING, frame.opcode(), "only pings, no close");
                    socket.sendFrame(RawWebSocket.PONG, frame.payload(), true);
                }
            }
            socket.sendText("{\"type\":\"listEvents\"}");
            assertTrue(socket.nextText(TestServer.WAIT).contains("listEvents"));
        }
    }
}
