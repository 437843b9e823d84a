package dev.neuroinfo.ws.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/** When each publish was sent (System.nanoTime), by sequence number; 0 while not yet sent. */
final class SendTimes {
    private final AtomicLongArray nanos;

    SendTimes(int capacity) {
        nanos = new AtomicLongArray(capacity);
    }

    void sent(int seq, long nanoTime) {
        nanos.set(seq, nanoTime);
    }

    long sentAt(int seq) {
        return seq >= 0 && seq < nanos.length() ? nanos.get(seq) : 0;
    }
}
