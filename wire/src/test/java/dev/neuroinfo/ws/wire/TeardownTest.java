package dev.neuroinfo.ws.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeardownTest {
    @Test
    void closesEverythingAndReportsEveryFailure() {
        List<String> closed = new ArrayList<>();
        IOException first = new IOException("first");
        IllegalStateException second = new IllegalStateException("second");
        IOException thrown = assertThrows(IOException.class, () -> Teardown.closeAll(
                () -> {
                    closed.add("a");
                    throw first;
                },
                null,
                () -> closed.add("b"),
                () -> {
                    closed.add("c");
                    throw second;
                },
                () -> closed.add("d")));
        assertEquals(List.of("a", "b", "c", "d"), closed);
        assertSame(first, thrown);
        assertEquals(List.of(second), List.of(thrown.getSuppressed()));
    }

    @Test
    void nothingFailingThrowsNothing() throws Exception {
        List<String> closed = new ArrayList<>();
        Teardown.closeAll(List.of(() -> closed.add("a"), () -> closed.add("b")));
        assertEquals(List.of("a", "b"), closed);
    }
}
