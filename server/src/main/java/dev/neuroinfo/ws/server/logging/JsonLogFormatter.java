package dev.neuroinfo.ws.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats java.util.logging records (where the server's System.Logger calls end) as one JSON
 * object per line, for log collectors: {@code time} (ISO-8601 UTC), {@code level},
 * {@code logger}, {@code message} with its parameters filled in, and {@code error} with the stack
 * trace when there is one. Selected by {@code --log-format json}, or in a container's
 * {@code logging.properties} as {@code java.util.logging.ConsoleHandler.formatter =
 * dev.neuroinfo.ws.server.logging.JsonLogFormatter}.
 */
public final class JsonLogFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        line.append("{\"time\":");
        string(line, Instant.ofEpochMilli(record.getMillis()).toString());
        line.append(",\"level\":");
        string(line, record.getLevel().getName());
        line.append(",\"logger\":");
        string(line, record.getLoggerName() == null ? "" : record.getLoggerName());
        line.append(",\"message\":");
        string(line, formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(",\"error\":");
            string(line, trace.toString());
        }
        return line.append("}\n").toString();
    }

    /** Appends a JSON string literal (RFC 8259: quote, backslash and control characters escaped). */
    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
