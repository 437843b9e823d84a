package dev.neuroinfo.ws.server.embedded;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * The selector and worker threads of a started Grizzly server's listeners. Grizzly's {@code
 * shutdownNow()} tells them to stop and forgets them at once, without waiting; a close that must
 * leave no thread behind keeps them from the start and waits for them itself.
 */
final class TransportPools {
    private final List<ExecutorService> pools;

    private TransportPools(List<ExecutorService> pools) {
        this.pools = pools;
    }

    /** The pools of a server's listeners, which exist only once it started. */
    static TransportPools of(HttpServer started) {
        return new TransportPools(started.getListeners().stream()
                .map(NetworkListener::getTransport)
                .flatMap(transport -> Stream.of(transport.getKernelThreadPool(), transport.getWorkerThreadPool()))
                .filter(Objects::nonNull)
                .distinct()
                .toList());
    }

    /**
     * Waits, until a deadline, for the pools' threads to end once the server was shut down.
     * Grizzly lets a worker finish its task; one still busy at the deadline is interrupted.
     */
    void awaitEnd(long deadlineNanos) {
        try {
            for (ExecutorService pool : pools) {
                pool.shutdown();
                if (!pool.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    pool.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            pools.forEach(ExecutorService::shutdownNow);
            Thread.currentThread().interrupt();
        }
    }
}
