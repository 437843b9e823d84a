package dev.neuroinfo.ws.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes events at a steady rate over one keep-alive HTTP connection, noting each send time
 * just before the request is written. Waits for each answer before the next request, as a real
 * publisher would; if the server answers slower than the rate, the achieved rate shows it.
 */
final class Publisher implements AutoCloseable {
    /** How a server takes a publish: path, credentials, and the body for event {@code seq}. */
    interface Target {
        String host();

        int port();

        String path();

        String authorization();

        String contentType();

        byte[] body(int seq, long epochMillis);
    }

    /** What a run of publishes achieved. */
    record Result(int published, int failed, double seconds) {
        double rate() {
            return seconds == 0 ? 0 : published / seconds;
        }
    }

    private final Target target;
    private final HttpLite http;

    Publisher(Target target) {
        this.target = target;
        this.http = new HttpLite(target.host(), target.port());
    }

    /** Publishes {@code count} events with sequence numbers from {@code firstSeq}. */
    Result run(int firstSeq, int count, double perSecond, SendTimes times) throws IOException {
        long interval = (long) (1_000_000_000L / perSecond);
        long start = System.nanoTime();
        int failed = 0;
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int seq = firstSeq + i;
            byte[] body = target.body(seq, System.currentTimeMillis());
            times.sent(seq, System.nanoTime());
            HttpLite.Response response = http.post(target.path(), target.authorization(), target.contentType(), body);
            if (response.status() / 100 != 2) {
                failed++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(count - failed, failed, seconds);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
