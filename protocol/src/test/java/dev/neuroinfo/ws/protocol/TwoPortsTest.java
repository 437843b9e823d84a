package dev.neuroinfo.ws.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class TwoPortsTest {
    private static final String HOST = "127.0.0.1";

    @Test
    void bothPortsOfThePairCanBeBound() throws Exception {
        assertBindable(TwoPorts.freePair(HOST));
    }

    @Test
    void aReservedPairCannotBeBoundByAnyoneElseUntilItIsGivenBack() throws Exception {
        int port;
        try (TwoPorts.Reservation pair = TwoPorts.reservePair(HOST)) {
            port = pair.port();
            assertThrows(BindException.class, () -> new ServerSocket(port, 50, InetAddress.getByName(HOST)).close());
            assertThrows(BindException.class, () -> new ServerSocket(port + 1, 50, InetAddress.getByName(HOST)).close());
        }
        assertBindable(port);
    }

    @Test
    void reservingATakenPortFailsAndHoldsNothing() throws Exception {
        try (TwoPorts.Reservation pair = TwoPorts.reservePair(HOST)) {
            int port = pair.port();
            pair.close();
            try (ServerSocket taken = new ServerSocket(port + 1, 50, InetAddress.getByName(HOST))) {
                assertThrows(BindException.class, () -> TwoPorts.reserve(HOST, port, port + 1));
            }
            assertBindable(port);
        }
    }

    private static void assertBindable(int port) {
        assertDoesNotThrow(() -> {
            InetAddress loopback = InetAddress.getByName(HOST);
            try (ServerSocket http = new ServerSocket(port, 50, loopback);
                    ServerSocket webSocket = new ServerSocket(port + 1, 50, loopback)) {
                return http.getLocalPort() + webSocket.getLocalPort();
            }
        });
    }
}
