package dev.neuroinfo.ws.client.cli;

import dev.neuroinfo.ws.client.NeuroInfoClient;
import dev.neuroinfo.ws.client.NeuroInfoConnectException;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.message.ListEventsReply;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code list-events}: prints the event types the server offers, one wire name per line. */
@Command(name = "list-events", mixinStandardHelpOptions = true,
        description = "Connect, print the event types the server offers (one per line), and exit.")
final class ListEventsCommand implements Callable<Integer> {
    @ParentCommand
    NeuroInfoWs root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (NeuroInfoClient client = connection.build(connection.builder(root.environment()).autoReconnect(false))) {
            ListEventsReply reply;
            try {
                client.connectAndWait();
                reply = client.listEvents().toCompletableFuture().join();
            } catch (NeuroInfoConnectException e) {
                return StatusReporter.connectFailed(err, e);
            } catch (CompletionException e) {
                return StatusReporter.connectFailed(err, e.getCause());
            }
            for (EventType type : reply.availableEvents()) {
                out.println(type.wireName());
            }
            out.flush();
            return 0;
        }
    }
}
