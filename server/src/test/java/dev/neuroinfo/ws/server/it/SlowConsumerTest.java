package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber that stops reading is closed once its bounded queue overflows, and the others
 * keep receiving. The idle timeout stays at its 60 s default, so only the queue can close it.
 */
class SlowConsumerTest {
    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dataDir, config -> config.withOutboundQueueLimit(16));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aConsumerThatNeverReadsIsClosedWithoutHurtingOthers() throws Exception {
        try (RawWebSocket slow = server.connect(server.token("slow"));
             RawWebSocket healthy = server.connect(server.token("healthy"))) {
            for (RawWebSocket socket : new RawWebSocket[] {slow, healthy}) {
                socket.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamRaidIncoming\"}}");
                assertTrue(socket.nextText(TestServer.WAIT).contains("addSuccess"));
            }
            String padding = "x".repeat(8_000);
            int published = 0;
            while (server.server.context().slots().held("slow") > 0 && published < 20_000) {
                server.server.publish(EventType.STREAM_RAID_INCOMING,
                        new StreamRaid(new RaidChannel(padding, "n", "1"), published++));
                if (published % 8 == 0) {
                    drain(healthy);
                }
            }
            TestServer.await("slow consumer closed", () -> server.server.context().slots().held("slow") == 0);
            assertTrue(server.server.context().slots().held("healthy") == 1, "the reading client stays");
        }
    }

    /** Consumes whatever bytes the healthy client has been sent so far. */
    private static void drain(RawWebSocket socket) throws IOException {
        socket.input().skipNBytes(socket.input().available());
    }
}
