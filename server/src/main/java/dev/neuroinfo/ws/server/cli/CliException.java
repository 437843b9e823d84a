package dev.neuroinfo.ws.server.cli;

/** A failure to report to the operator as one line, without a stack trace. */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message, null, false, false);
    }
}
