package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pings and the idle timeout (shortened for the test). */
class KeepaliveTest {
    @RegisterExtension
    static final TestServer server = TestServer.shared(config -> config
                .pingInterval(Duration.ofMillis(300)).idleTimeout(Duration.ofMillis(1500)));

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
