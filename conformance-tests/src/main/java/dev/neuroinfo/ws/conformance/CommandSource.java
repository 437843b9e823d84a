package dev.neuroinfo.ws.conformance;

import dev.neuroinfo.ws.protocol.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Publishes by running the operator's {@code --publish-command} with the event type and the
 * eventData JSON as its last two arguments; exit status 0 means published.
 */
final class CommandSource implements EventSource {
    private static final long TIMEOUT_SECONDS = 20;

    private final List<String> command;

    CommandSource(List<String> command) {
        this.command = List.copyOf(command);
    }

    @Override
    public OptionalLong publish(EventType type, String eventDataJson, CaseContext context) throws Exception {
        List<String> argv = new ArrayList<>(command);
        argv.add(type.wireName());
        argv.add(eventDataJson);
        context.log("-> publish-command " + String.join(" ", command) + " " + type.wireName() + " '" + eventDataJson + "'");
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("--publish-command did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        context.log("<- publish-command exit " + process.exitValue() + (output.isEmpty() ? "" : " output: " + output));
        if (process.exitValue() != 0) {
            throw new IOException("--publish-command exited with " + process.exitValue() + ": " + output);
        }
        return OptionalLong.empty();
    }
}
