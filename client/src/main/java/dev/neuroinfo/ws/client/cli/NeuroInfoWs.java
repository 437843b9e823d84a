package dev.neuroinfo.ws.client.cli;

import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code neuroinfo-ws}: listen to a NeuroInfo WebSocket server from a shell. Every flag also
 * reads an environment variable, so the token can stay out of shell history.
 *
 * <p>Exit codes: 0 done, 1 connection failed or lost for good, 2 bad flags, 3 credential refused.
 */
@Command(name = "neuroinfo-ws", mixinStandardHelpOptions = true, version = "neuroinfo-ws 0.1.0",
        description = "Client of the NeuroInfo WebSocket API.",
        subcommands = {ListenCommand.class, ListEventsCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:connection failed or lost for good", "2:bad flags",
                "3:credential refused (bad or revoked token)"})
public final class NeuroInfoWs implements Runnable {
    /** Connection failed, or reconnecting gave up for a reason other than the credential. */
    static final int EXIT_CONNECTION = 1;
    /** The server refused the token. */
    static final int EXIT_AUTH = 3;

    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    /** A CLI reading flags' defaults from the given environment. */
    public NeuroInfoWs(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: listen or list-events");
    }

    /** The CLI as a picocli command line, for embedding and tests. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return new CommandLine(new NeuroInfoWs(environment));
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }
}
