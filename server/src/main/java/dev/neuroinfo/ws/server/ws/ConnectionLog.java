package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.server.logging.LogSettings;
import java.lang.System.Logger.Level;

/**
 * One line per refused handshake and per closed connection, on a logger of its own at DEBUG (FINE
 * in java.util.logging) so that an operator turns it on without the rest of the server's debug
 * output: {@code --log-connections}, or {@code dev.neuroinfo.ws.connections.level = FINE} in a
 * container's logging configuration. Lines name the user, the client's address and the reason;
 * never a token or a ticket.
 */
final class ConnectionLog {
    /** The logger's name, for logging configurations. */
    static final String NAME = LogSettings.CONNECTIONS_LOGGER;

    private static final System.Logger LOG = System.getLogger(NAME);

    private ConnectionLog() {
    }

    static void refused(HandshakeError error, String user, String client) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "handshake refused: {0} {1} user={2} client={3}", error.status(),
                    error.name().toLowerCase(java.util.Locale.ROOT), orDash(user), orDash(client));
        }
    }

    static void closed(String sessionId, int code, String reason, boolean byServer, String user, String client) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "connection closed: session={0} code={1} reason=\"{2}\" by={3} user={4} client={5}",
                    sessionId, Integer.toString(code), reason == null ? "" : reason, byServer ? "server" : "client",
                    orDash(user), orDash(client));
        }
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
