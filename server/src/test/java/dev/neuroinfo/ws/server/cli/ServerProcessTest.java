package dev.neuroinfo.ws.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * A start whose banner does not come fails on its own bound and leaves no child behind. The
 * children are shell scripts standing in for a server: what matters is what they print and when.
 */
// a separate thread, so that a wait that does not return fails the test instead of hanging it
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class ServerProcessTest {
    private static final int PORT = 8080;
    private static final Duration BOUND = Duration.ofSeconds(2);

    @Test
    void aChildThatPrintsNoCompleteBannerFailsWithinTheBoundAndIsKilled() {
        Set<Long> before = liveChildren();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> ServerProcess.startOn(PORT,
                bash("echo 'neuroinfo-ws server is up'; echo 'starting slowly' >&2; exec sleep 300"), BOUND));
        assertTrue(failure.getMessage().startsWith("the server printed no complete banner within 2 s"), failure.getMessage());
        assertTrue(failure.getMessage().contains("neuroinfo-ws server is up"), failure.getMessage());
        assertTrue(failure.getMessage().contains("starting slowly"), failure.getMessage());
        assertEquals(before, liveChildren(), "the child is gone");
    }

    @Test
    void aChildThatExitsBeforeItsBannerEndsFailsWithItsErrorOutput() {
        Set<Long> before = liveChildren();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> ServerProcess.startOn(PORT,
                bash("echo 'neuroinfo-ws server is up'; echo 'Error: no such thing' >&2; exit 3"), BOUND));
        assertTrue(failure.getMessage().startsWith("the server exited with 3 before the end of its banner"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("Error: no such thing"), failure.getMessage());
        assertEquals(before, liveChildren(), "the child is gone");
    }

    @Test
    void theBannerIsItsLinesBeforeStopWithAndCloseStopsTheChild() throws Exception {
        Set<Long> before = liveChildren();
        try (ServerProcess.Started started = ServerProcess.startOn(PORT,
                bash("echo 'neuroinfo-ws server is up'; echo '  HTTP API: here'; echo 'Stop with Ctrl-C'; exec sleep 300"),
                BOUND)) {
            assertEquals("neuroinfo-ws server is up\n  HTTP API: here", started.banner());
            assertTrue(started.server().process().isAlive());
        }
        assertEquals(before, liveChildren(), "the child is gone");
    }

    private static List<String> bash(String script) {
        return List.of("bash", "-c", script);
    }

    /** This JVM's children that are alive: a child that was reaped is no longer among them. */
    private static Set<Long> liveChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
