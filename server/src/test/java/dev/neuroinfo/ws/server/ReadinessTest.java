package dev.neuroinfo.ws.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node reports ready until its shutdown begins, before anything is closed. */
class ReadinessTest {
    @TempDir
    Path dir;

    @Test
    void notReadyOnceShutdownBegins() throws Exception {
        try (ServerCore core = ServerCore.assemble(ServerConfig.builder().dataDir(dir).build())) {
            Readiness readiness = core.services().readiness();
            assertEquals(Optional.empty(), readiness.blocker());
            core.beginShutdown();
            assertEquals(Optional.of("shutting down"), readiness.blocker());
        }
    }
}
