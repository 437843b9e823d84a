package dev.neuroinfo.ws.client.cli;

import dev.neuroinfo.ws.client.FilePositionStore;
import dev.neuroinfo.ws.client.NeuroInfoClient;
import dev.neuroinfo.ws.client.NeuroInfoClientBuilder;
import dev.neuroinfo.ws.client.NeuroInfoConnectException;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code listen}: one JSON line per event on stdout until interrupted; waits for the server and reconnects by itself. */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Subscribe and print one JSON line per event on stdout: the event message's data, "
                + "{\"eventType\",\"eventData\",\"timestamp\"}. Connection changes go to stderr. "
                + "Waits for the server to come up (unless --fail-fast) and reconnects by itself; "
                + "stops on a refused token."})
final class ListenCommand implements Callable<Integer> {
    @ParentCommand
    NeuroInfoWs root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--events", split = ",", paramLabel = "TYPE", converter = EventTypeConverter.class,
            description = "Event types to receive, comma-separated wire names (default: all nine).")
    List<EventType> events;

    @Option(names = "--count", paramLabel = "N", description = "Exit after N events (default: run until interrupted).")
    int count;

    @Option(names = "--position", paramLabel = "FILE", description = "Keep the position in the server's history in FILE: "
            + "started again with the same FILE, listen first prints the events published while it was not running "
            + "(with a server that offers the recovery extension). A FILE that is not a position stops listen (code 2).")
    Path position;

    @Option(names = "--fail-fast", description = "Exit at once (code 1) when the first connection attempt fails, "
            + "instead of waiting for the server to come up.")
    boolean failFast;

    private final MessageCodec codec = new MessageCodec();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(0);
        AtomicInteger printed = new AtomicInteger();
        NeuroInfoClientBuilder builder = connection.builder(root.environment()).retryInitialConnect(!failFast);
        if (position != null) {
            builder.positionStore(new FilePositionStore(position));
        }
        try (NeuroInfoClient client = connection.build(builder.connectionListener(new StatusReporter(err, done, exitCode)))) {
            for (EventType type : events == null ? EnumSet.allOf(EventType.class) : EnumSet.copyOf(events)) {
                client.on(type, (data, timestamp) -> {
                    out.println(json(new Event(type, data, timestamp)));
                    out.flush();
                    if (count > 0 && printed.incrementAndGet() >= count) {
                        done.countDown();
                    }
                });
            }
            if (failFast) {
                try {
                    client.connectAndWait();
                } catch (NeuroInfoConnectException e) {
                    return StatusReporter.connectFailed(err, e);
                }
            } else {
                // Waits for the server; the reporter ends the command if retrying gives up.
                client.connect();
            }
            done.await();
            return exitCode.get();
        } catch (InterruptedException e) {
            // Ctrl-C or the embedding thread stopping us: a normal end.
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The {@code data} of the event message as one line of JSON. */
    private String json(Event event) {
        return codec.parse(codec.encode(event)).orElseThrow().get("data").toString();
    }
}
