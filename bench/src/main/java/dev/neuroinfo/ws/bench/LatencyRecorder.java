package dev.neuroinfo.ws.bench;

import java.util.Arrays;

/**
 * Latency samples in microseconds for one measurement step, and their percentiles. Raw samples
 * (4 bytes each) instead of a histogram: a step holds a few million at most, and exact
 * percentiles need no bucket error discussion. Samples past the limit (far above any step's
 * count) are not kept. Only the generator's selector thread records.
 */
final class LatencyRecorder {
    private final int limit;
    private int[] samples = new int[1 << 16];
    private int count;

    LatencyRecorder(int limit) {
        this.limit = limit;
    }

    void record(long micros) {
        if (count == samples.length) {
            if (count >= limit) {
                return;
            }
            samples = Arrays.copyOf(samples, Math.min(limit, count * 2));
        }
        samples[count++] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, micros));
    }

    /** The percentiles of what was recorded, then an empty recorder. */
    Summary drain() {
        int[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        Summary summary = new Summary(count, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        count = 0;
        return summary;
    }

    private static long percentile(int[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Sample count and p50/p99/max in microseconds. */
    record Summary(long samples, long p50Micros, long p99Micros, long maxMicros) {
    }
}
