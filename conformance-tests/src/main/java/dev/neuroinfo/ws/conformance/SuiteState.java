package dev.neuroinfo.ws.conformance;

import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What cases of one run share: the secret table for redaction, connection labels, and long
 * observations ("probes") that several cases read and that may run in the background.
 */
final class SuiteState implements AutoCloseable {
    private final SuiteConfig config;
    private final MessageCodec codec = new MessageCodec();
    private final Map<String, String> secrets = Transcript.newSecretTable();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, Future<?>> probes = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "conformance-probe");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong lastStreamUpdateNanos = new AtomicLong(System.nanoTime() - 60_000_000_000L);

    SuiteState(SuiteConfig config) {
        this.config = config;
        secret(config.token(), "<T1>");
        secret(config.token2(), "<T2>");
        secret(config.unlimitedToken(), "<U>");
        secret(config.adminToken(), "<A>");
        secret(config.rateLimitToken(), "<R>");
    }

    SuiteConfig config() {
        return config;
    }

    MessageCodec codec() {
        return codec;
    }

    Map<String, String> secrets() {
        return secrets;
    }

    /** Registers a secret so transcripts show {@code label} instead. */
    void secret(String value, String label) {
        if (value != null && !value.isEmpty()) {
            secrets.put(value, label);
        }
    }

    String nextConnectionLabel() {
        return "ws#" + connections.incrementAndGet();
    }

    /** The probe under {@code key}, started on first request (possibly early, in the background). */
    @SuppressWarnings("unchecked")
    <T> Future<T> probe(String key, java.util.concurrent.Callable<T> body) {
        return (Future<T>) probes.computeIfAbsent(key, k -> background.submit(body));
    }

    /** Remembers when the suite last published a streamUpdate, to let the throttle window pass. */
    void streamUpdatePublished() {
        lastStreamUpdateNanos.set(System.nanoTime());
    }

    long lastStreamUpdateNanos() {
        return lastStreamUpdateNanos.get();
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
