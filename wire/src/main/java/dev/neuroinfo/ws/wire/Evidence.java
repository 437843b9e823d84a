package dev.neuroinfo.ws.wire;

/** Formatting of observed bytes for reports: short, single-line, control characters visible. */
public final class Evidence {
    private static final int MAX = 400;

    private Evidence() {
    }

    /** The text in quotes, with line breaks escaped and cut to a readable length. */
    public static String quote(String text) {
        String escaped = text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        if (escaped.length() > MAX) {
            escaped = escaped.substring(0, MAX) + "...(" + text.length() + " chars)";
        }
        return "\"" + escaped + "\"";
    }
}
