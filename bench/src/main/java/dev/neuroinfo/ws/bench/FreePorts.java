package dev.neuroinfo.ws.bench;

import dev.neuroinfo.ws.protocol.TwoPorts;
import java.io.IOException;

/**
 * Starts a server on a free pair of ports, and on another pair if some other process took the
 * first between its choice and the server's bind: the ports are free when chosen, but not
 * reserved, and a half-hour run should not end there.
 */
final class FreePorts {
    /** Pairs tried before giving up. */
    static final int ATTEMPTS = 5;

    /** Where the ports come from: a free pair, P and P+1, each time it is asked. */
    @FunctionalInterface
    interface Source {
        int pair() throws IOException;
    }

    /** Starts a server whose ports are P and P+1 and waits until it serves. */
    @FunctionalInterface
    interface Launch<T> {
        /** @throws ServerProcess.PortTakenException if the server could not bind its ports */
        T on(int port) throws IOException, InterruptedException;
    }

    private FreePorts() {
    }

    /** Free pairs of ports on {@code host}. */
    static Source of(String host) {
        return () -> TwoPorts.freePair(host);
    }

    /**
     * {@code launch} on a pair from {@code ports}, on the next pair each time its server finds the
     * port taken, {@value #ATTEMPTS} pairs at most; every other failure is the caller's at once.
     */
    static <T> T launch(Source ports, Launch<T> launch) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return launch.on(ports.pair());
            } catch (ServerProcess.PortTakenException taken) {
                if (attempt == ATTEMPTS) {
                    throw taken;
                }
                BenchMain.log(taken.getMessage() + "; trying other ports");
            }
        }
    }
}
