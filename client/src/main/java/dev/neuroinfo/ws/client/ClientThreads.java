package dev.neuroinfo.ws.client;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names every thread a client creates {@code neuroinfo-client-<client>-<role>-<n>} so that
 * thread dumps show whose they are, and makes them daemons so that a forgotten client does not
 * keep an application's JVM alive.
 */
final class ClientThreads implements ThreadFactory {
    /** The prefix of every thread name; tests use it to prove that close() leaves none. */
    static final String PREFIX = "neuroinfo-client-";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    private ClientThreads(String prefix) {
        this.prefix = prefix;
    }

    /** A fresh client number. */
    static int nextClientId() {
        return CLIENTS.incrementAndGet();
    }

    /** The factory of one role (e.g. {@code io}) of one client. */
    static ClientThreads of(int clientId, String role) {
        return new ClientThreads(PREFIX + clientId + "-" + role + "-");
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
