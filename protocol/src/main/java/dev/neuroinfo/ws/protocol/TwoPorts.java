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
     * before they are bound.
     *
     * @throws IOException when no such pair was found in {@value #ATTEMPTS} tries
     */
    public static int freePair(String host) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 50, address)) {
                int port = first.getLocalPort();
                if (port >= 65535) {
                    continue;
                }
                try (ServerSocket second = new ServerSocket(port + 1, 50, address)) {
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IOException("no free pair of consecutive ports on " + host);
    }
}
