package dev.neuroinfo.ws.protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The ports of a two-port deployment ({@link ApiUrls}): the HTTP API on P, the WebSocket endpoint
 * on P+1. The one place that finds such a pair free, for the embedded launcher asked for port 0,
 * the tests that start it as a process and the bench.
 */
public final class TwoPorts {
    private static final int ATTEMPTS = 50;

    private TwoPorts() {
    }

    /**
     * A port P such that P and P+1 are both free on a host. Another process may still take them
     * before they are bound; {@link #reservePair} holds them meanwhile.
     *
     * @throws IOException when no such pair was found in {@value #ATTEMPTS} tries
     */
    public static int freePair(String host) throws IOException {
        try (Reservation pair = reservePair(host)) {
            return pair.port();
        }
    }

    /**
     * A pair P and P+1 bound on a host until closed, so that no other process can take either
     * meanwhile, neither to listen nor as the local port of a connection.
     *
     * @throws IOException when no such pair was found in {@value #ATTEMPTS} tries
     */
    public static Reservation reservePair(String host) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ServerSocket first = new ServerSocket(0, 50, address);
            int port = first.getLocalPort();
            if (port < 65535) {
                try {
                    return new Reservation(first, new ServerSocket(port + 1, 50, address));
                } catch (IOException taken) {
                    // try another pair
                }
            }
            first.close();
        }
        throw new IOException("no free pair of consecutive ports on " + host);
    }

    /**
     * The ports {@code first} and {@code second} bound on a host until closed: fails at once when
     * either is taken, so that their user finds out before it does anything else.
     *
     * @throws java.net.BindException when either port is taken
     */
    public static Reservation reserve(String host, int first, int second) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        ServerSocket held = new ServerSocket(first, 50, address);
        try {
            return new Reservation(held, new ServerSocket(second, 50, address));
        } catch (IOException taken) {
            held.close();
            throw taken;
        }
    }

    /** Two ports held until {@link #close()}. */
    public static final class Reservation implements AutoCloseable {
        private final ServerSocket first;
        private final ServerSocket second;

        private Reservation(ServerSocket first, ServerSocket second) {
            this.first = first;
            this.second = second;
        }

        /** P, the first of the two. */
        public int port() {
            return first.getLocalPort();
        }

        /** Gives both ports back, to be bound at once by their user; closing again does nothing. */
        @Override
        public void close() throws IOException {
            try {
                first.close();
            } finally {
                second.close();
            }
        }
    }
}
