package dev.neuroinfo.ws.server.cli;

import picocli.CommandLine.Model.CommandSpec;

/** How the admin commands end: 0 on success, 1 with a one-line message on standard error. */
final class Cli {
    /** Exit code of a command that could not do its job. */
    static final int FAILED = 1;

    private Cli() {
    }

    /** The body of a command. */
    @FunctionalInterface
    interface Body {
        void run() throws CliException;
    }

    static int run(CommandSpec spec, Body body) {
        try {
            body.run();
            return 0;
        } catch (CliException e) {
            spec.commandLine().getErr().println("Error: " + e.getMessage());
            return FAILED;
        }
    }
}
