package dev.neuroinfo.ws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LoadGeneratorTest {
    private static final int CAP = 30;

    @TempDir
    Path dir;

    /**
     * A level above what the server admits ends when the server keeps refusing, not at the
     * level's deadline (an hour here, so that waiting for it fails the test's bound): the
     * generator used to open refused connections until then, minutes of a refusal storm in every
     * full run before the churn scenario.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aServerAtItsConnectionCapEndsTheRampInsteadOfTheDeadline() throws Exception {
        try (EmbeddedServer embedded = EmbeddedServer.start(ServerConfig.builder().ports(0, 0)
                .dataDir(dir.resolve("data")).maxTotalConnections(CAP).build());
                NeuroInfoServer server = new NeuroInfoServer(null, ProcessHandle.current().pid(),
                        embedded.httpUri().getPort(), embedded.webSocketUri().getPort(),
                        embedded.bootstrapTokens().orElseThrow().admin().secret(), 1);
                LoadGenerator generator = new LoadGenerator(server.subscribers("cap"), new SendTimes(1_000), 1_000)) {
            int subscribed = generator.connect(CAP + 500, Duration.ofHours(1));

            assertTrue(subscribed <= CAP, "no more subscribed than the server admits: " + subscribed);
            assertTrue(generator.failures() > 100, "the refusals were counted: " + generator.failures());
            // handshakes the server admitted may still be in flight when the ramp ends; they finish
            long bound = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (generator.subscribed() < CAP && System.nanoTime() < bound) {
                Thread.sleep(20);
            }
            assertEquals(CAP, generator.subscribed(), "every connection the server admits is subscribed");
        }
    }
}
