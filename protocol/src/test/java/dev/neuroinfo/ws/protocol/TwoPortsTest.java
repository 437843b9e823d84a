package dev.neuroinfo.ws.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class TwoPortsTest {
    @Test
    void bothPortsOfThePairCanBeBound() throws Exception {
        int port = TwoPorts.freePair("127.0.0.1");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertDoesNotThrow(() -> {
            try (ServerSocket http = new ServerSocket(port, 50, loopback);
                    ServerSocket webSocket = new ServerSocket(port + 1, 50, loopback)) {
                return http.getLocalPort() + webSocket.getLocalPort();
            }
        });
    }
}
