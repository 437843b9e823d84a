package dev.neuroinfo.ws.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code neuroinfo-server}: without a subcommand it runs the server; {@code token} and
 * {@code publish} manage a running one through its admin API.
 */
@Command(name = "neuroinfo-server", mixinStandardHelpOptions = true,
        description = "The NeuroInfo WebSocket API server. Without a command: run it.",
        subcommands = {RunCommand.class, TokenCommand.class, PublishCommand.class})
public final class ServerMain {
    private ServerMain() {
    }

    /** Runs {@code run} when no subcommand is named, so that the bare jar starts the server. */
    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new ServerMain());
        boolean namesCommand = args.length > 0 && commandLine.getSubcommands().containsKey(args[0]);
        boolean asksTopLevel = args.length > 0 && (args[0].equals("--help") || args[0].equals("-h")
                || args[0].equals("--version") || args[0].equals("-V"));
        String[] effective = namesCommand || asksTopLevel ? args : prepend("run", args);
        System.exit(commandLine.execute(effective));
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
