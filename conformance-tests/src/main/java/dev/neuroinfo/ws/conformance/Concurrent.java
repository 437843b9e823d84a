package dev.neuroinfo.ws.conformance;

import dev.neuroinfo.ws.wire.HandshakeRequest;
import dev.neuroinfo.ws.conformance.wire.RawWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Simultaneous handshakes: all TCP connections open first, then every request released at once. */
final class Concurrent {
    private Concurrent() {
    }

    static List<RawWebSocket.Handshake> handshakes(CaseContext c, int n, Supplier<HandshakeRequest> request)
            throws Exception {
        List<RawWebSocket.Pending> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pending.add(c.prepare(request.get()));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<RawWebSocket.Handshake>> results = new ArrayList<>();
            for (RawWebSocket.Pending p : pending) {
                results.add(pool.submit(() -> {
                    go.await();
                    return p.complete();
                }));
            }
            go.countDown();
            List<RawWebSocket.Handshake> handshakes = new ArrayList<>();
            for (Future<RawWebSocket.Handshake> f : results) {
                RawWebSocket.Handshake h = f.get();
                c.adopt(h);
                handshakes.add(h);
            }
            return handshakes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A one-line tally of statuses for evidence, e.g. {@code [101, 429, 429]}. */
    static String statuses(List<RawWebSocket.Handshake> handshakes) {
        return handshakes.stream().map(h -> h.upgraded() ? 101 : h.response().status()).toList().toString();
    }
}
