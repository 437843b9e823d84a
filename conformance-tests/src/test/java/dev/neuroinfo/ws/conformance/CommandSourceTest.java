package dev.neuroinfo.ws.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@code --publish-command} gets the event type and the JSON as its last two arguments. */
@DisabledOnOs(OS.WINDOWS)
class CommandSourceTest {
    private final CaseContext context = new CaseContext(new SuiteState(
            SuiteConfig.of(URI.create("http://127.0.0.1:1"), URI.create("ws://127.0.0.1:2/api/ws"), "t")));

    @Test
    void passesTypeAndJsonAsArguments() throws Exception {
        // sh -c SCRIPT a b: the script sees a as $0 and b as $1
        CommandSource source = new CommandSource(List.of("sh", "-c",
                "test \"$0\" = streamOffline && test \"$1\" = '{\"isLive\":false}'"));
        assertTrue(source.publish(EventType.STREAM_OFFLINE, "{\"isLive\":false}", context).isEmpty());
    }

    @Test
    void nonZeroExitIsAnError() {
        CommandSource source = new CommandSource(List.of("sh", "-c", "echo refused; exit 3"));
        IOException e = assertThrows(IOException.class,
                () -> source.publish(EventType.STREAM_OFFLINE, "{\"isLive\":false}", context));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }
}
