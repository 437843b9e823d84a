package dev.neuroinfo.ws.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Finding fields in a frame's bytes without parsing the JSON, so receiving stays cheap. */
final class Bytes {
    private Bytes() {
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The first index of {@code needle} in {@code [from, to)}, or -1. */
    static int indexOf(ByteBuffer buffer, int from, int to, byte[] needle) {
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer.get(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The decimal digits starting at {@code from} as a number, or -1 if there are none. */
    static long digitsAt(ByteBuffer buffer, int from, int to) {
        long value = 0;
        int i = from;
        while (i < to) {
            byte b = buffer.get(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
            i++;
        }
        return i == from ? -1 : value;
    }

    /** The number after {@code key} (e.g. {@code "timestamp":}) in {@code [from, to)}, or -1. */
    static long numberAfter(ByteBuffer buffer, int from, int to, byte[] key) {
        int at = indexOf(buffer, from, to, key);
        return at < 0 ? -1 : digitsAt(buffer, at + key.length, to);
    }
}
