package dev.neuroinfo.ws.conformance;

import dev.neuroinfo.ws.conformance.wire.WireLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wire log of one case, each line stamped with milliseconds since the case began. Secrets
 * (tokens, tickets) are replaced by their labels before a line is kept, so reports never hold one.
 */
final class Transcript implements WireLog {
    private static final int KEEP = 60;

    private final long start = System.nanoTime();
    private final List<String> lines = new ArrayList<>();
    private final Map<String, String> secrets;

    Transcript(Map<String, String> secrets) {
        this.secrets = secrets;
    }

    /** A shared secret table: value to label, e.g. the token to {@code <T1>}. */
    static Map<String, String> newSecretTable() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public synchronized void line(String line) {
        String redacted = line;
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            redacted = redacted.replace(secret.getKey(), secret.getValue());
        }
        lines.add(String.format("%6d ms %s", (System.nanoTime() - start) / 1_000_000, redacted));
    }

    /** The last lines, enough to show what led to a failure. */
    synchronized List<String> tail() {
        return List.copyOf(lines.subList(Math.max(0, lines.size() - KEEP), lines.size()));
    }
}
