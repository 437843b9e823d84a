package dev.neuroinfo.ws.protocol.payload;

import java.util.regex.Pattern;

/** Checks the payload records share. */
final class Payloads {
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private Payloads() {
    }

    static void requireNonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
    }

    static void requireDigits(String value, String field) {
        if (!DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be digits, was \"" + value + "\"");
        }
    }

    static void requireThresholdKey(String key) {
        if (key == null || !DECIMAL.matcher(key).matches()) {
            throw new IllegalArgumentException("goal keys must be decimal thresholds, was " + key);
        }
    }
}
