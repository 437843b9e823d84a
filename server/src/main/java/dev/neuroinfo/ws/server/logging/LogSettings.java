package dev.neuroinfo.ws.server.logging;

import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded server's logging options, applied to java.util.logging's root handlers. A servlet
 * container owns its logging configuration; there the same effects are two lines of its
 * {@code logging.properties} (docs/operations.md, Logs).
 */
public final class LogSettings {
    /** The logger of the connection log (one line per refused handshake and closed connection). */
    public static final String CONNECTIONS_LOGGER = "dev.neuroinfo.ws.connections";

    // java.util.logging holds loggers weakly; a level set on a forgotten logger is lost
    private static final Logger CONNECTIONS = Logger.getLogger(CONNECTIONS_LOGGER);

    private LogSettings() {
    }

    /**
     * Applies the options.
     *
     * @param format         {@code text} (java.util.logging's default) or {@code json}
     * @param logConnections whether to write the connection log
     * @throws IllegalArgumentException for an unknown format
     */
    public static void apply(String format, boolean logConnections) {
        Formatter formatter = switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> null;
            case "json" -> new JsonLogFormatter();
            default -> throw new IllegalArgumentException("log format must be text or json, was '" + format + "'");
        };
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (formatter != null) {
                handler.setFormatter(formatter);
            }
            if (logConnections && handler.getLevel().intValue() > Level.FINE.intValue()) {
                // the connection log writes at FINE; other loggers keep their own (INFO) level
                handler.setLevel(Level.FINE);
            }
        }
        if (logConnections) {
            CONNECTIONS.setLevel(Level.FINE);
        }
    }
}
