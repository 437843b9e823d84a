package dev.neuroinfo.ws.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neuroinfo.ws.protocol.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code publish EVENT --data FILE|-}: publishes an event through a running server's admin API. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish an event to a running server's subscribers through its admin API.")
public final class PublishCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    AdminConnection connection;

    @Parameters(index = "0", paramLabel = "EVENT", description = "Event type, e.g. streamOnline. One of: ${COMPLETION-CANDIDATES}.",
            completionCandidates = EventNames.class)
    String event;

    @Option(names = "--data", required = true, paramLabel = "FILE|-",
            description = "The event's data (eventData) as JSON, from a file or from standard input (-).")
    String data;

    /** Lists the event names for help and completion. */
    static final class EventNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return EventType.documentedOrder().stream().map(EventType::wireName).iterator();
        }
    }

    @Override
    public Integer call() {
        return Cli.run(spec, () -> {
            EventType type = EventType.fromWireName(event).orElseThrow(() -> new CliException(
                    "Unknown event '" + event + "'. Known events: " + EventType.documentedOrder() + "."));
            JsonNode eventData = readData();
            ObjectNode body = JSON.createObjectNode().put("eventType", type.wireName());
            body.set("eventData", eventData);
            JsonNode accepted = connection.client().post("api/admin/events", body.toString()).path("data");
            spec.commandLine().getOut().println("Published " + accepted.path("eventType").asText() + " at "
                    + accepted.path("timestamp").asLong() + ".");
        });
    }

    private JsonNode readData() throws CliException {
        String text;
        try {
            if ("-".equals(data)) {
                text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            } else {
                text = Files.readString(Path.of(data), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CliException("Cannot read --data " + data + ": " + e.getMessage());
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CliException("--data " + data + " is not JSON: " + e.getOriginalMessage());
        }
    }
}
