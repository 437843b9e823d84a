package dev.neuroinfo.ws.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnFreePortTest {
    @Test
    void aStartWhosePortWasTakenIsMadeAgainOnAnother() throws Exception {
        List<Integer> tried = new ArrayList<>();
        int port = OnFreePort.port(candidate -> {
            tried.add(candidate);
            if (tried.size() == 1) {
                throw new IllegalStateException("redis-server did not start:\n# Could not create server TCP listening "
                        + "socket 127.0.0.1:" + candidate + ": bind: Address already in use");
            }
            return candidate;
        });
        assertEquals(2, tried.size());
        assertEquals(tried.get(1), port);
        assertNotEquals(tried.get(0), tried.get(1));
    }

    @Test
    void aTakenPortIsRecognisedInACauseAndInAnyCase() {
        assertTrue(OnFreePort.portTaken(new IOException("start failed", new BindException("Address already in use"))));
        assertTrue(OnFreePort.portTaken(new UncheckedIOException(new IOException("wrapped",
                new IllegalStateException("listen tcp 127.0.0.1:9090: bind: address already in use")))));
    }

    @Test
    void anyOtherFailureFailsAtOnce() {
        IllegalStateException other = new IllegalStateException("no such file");
        List<Integer> tried = new ArrayList<>();
        assertSame(other, assertThrows(IllegalStateException.class, () -> OnFreePort.pair(port -> {
            tried.add(port);
            throw other;
        })));
        assertEquals(1, tried.size());
    }

    @Test
    void aPortTakenEveryTimeFailsAfterTheLastAttempt() {
        List<Integer> tried = new ArrayList<>();
        assertThrows(BindException.class, () -> OnFreePort.port(port -> {
            tried.add(port);
            throw new BindException("Address already in use");
        }));
        assertEquals(OnFreePort.ATTEMPTS, tried.size());
    }
}
