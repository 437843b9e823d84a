package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subscriber that stops reading is closed once its bounded queue overflows, and the others
 * keep receiving. The idle timeout stays at its 60 s default, so only the queue can close it.
 */
class SlowConsumerTest {
    @RegisterExtension
    static final TestServer server = TestServer.shared(config -> config.outboundQueueLimit(256));

    @Test
    void aConsumerThatNeverReadsIsClosedWithoutHurtingOthers() throws Exception {
        try (RawWebSocket slow = server.connect(server.token("slow"));
             RawWebSocket healthy = server.connect(server.token("healthy"))) {
            for (RawWebSocket socket : new RawWebSocket[] {slow, healthy}) {
                socket.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamRaidIncoming\"}}");
                assertTrue(socket.nextText(TestServer.WAIT).contains("addSuccess"));
            }
            Thread reader = new Thread(() -> drain(healthy), "healthy-reader");
            reader.start();
            String padding = "x".repeat(8_000);
            for (int published = 0; server.server.context().slots().held("slow") > 0 && published < 20_000;
                    published++) {
                server.server.publish(EventType.STREAM_RAID_INCOMING,
                        new StreamRaid(new RaidChannel(padding, "n", "1"), published));
            }
            TestServer.await("slow consumer closed", () -> server.server.context().slots().held("slow") == 0);
            assertTrue(server.server.context().slots().held("healthy") == 1, "the reading client stays");
        }
    }

    /** Consumes everything the healthy client is sent until its socket closes. */
    private static void drain(RawWebSocket socket) {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (socket.input().read(buffer) >= 0) {
                // discard: this client only proves that reading keeps a connection alive
            }
        } catch (IOException closed) {
            // the test closed the socket
        }
    }
}
