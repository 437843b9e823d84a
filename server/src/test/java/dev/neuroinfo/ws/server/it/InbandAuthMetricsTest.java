package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every in-band auth outcome is counted once, and a pending connection moves to inband when it authenticates. */
class InbandAuthMetricsTest {
    @RegisterExtension
    static final TestServer server = TestServer.shared(config -> config.inbandAuth(true)
            .inbandAuthTimeout(Duration.ofMillis(1500)));

    @Test
    void outcomesAndTheAuthGauge() throws Exception {
        try (RawWebSocket silent = anonymous()) {
            assertEquals(1008, silent.awaitClose(TestServer.WAIT, true));
        }
        TestServer.await("the timeout counted", () -> value("neuroinfo_inband_auth", "outcome", "timeout") == 1);
        TestServer.await("the timeout's close counted", () ->
                value("neuroinfo_connections_closed", "reason", "authentication_timeout") == 1);

        String token = server.token("metered");
        try (RawWebSocket socket = anonymous()) {
            TestServer.await("one pending connection", () -> value("neuroinfo_connections", "auth", "pending") == 1);
            socket.sendText("{\"type\":\"auth\",\"data\":{\"token\":\"nk_wrong\"}}");
            assertTrue(socket.nextText(TestServer.WAIT).contains("invalidToken"));
            socket.sendText("{\"type\":\"auth\",\"data\":{\"token\":\"" + token + "\"}}");
            assertTrue(socket.nextText(TestServer.WAIT).contains("welcome"));
            assertEquals(1, value("neuroinfo_inband_auth", "outcome", "invalid_token"));
            assertEquals(1, value("neuroinfo_inband_auth", "outcome", "ok"));
            assertEquals(0, value("neuroinfo_connections", "auth", "pending"));
            assertEquals(1, value("neuroinfo_connections", "auth", "inband"));
        }
        assertEquals(1, value("neuroinfo_inband_auth", "outcome", "timeout"), "an authenticated connection never times out");

        // a client that leaves before its deadline did not time out; the silent one after it did
        anonymous().close();
        try (RawWebSocket silent = anonymous()) {
            assertEquals(1008, silent.awaitClose(TestServer.WAIT, true));
        }
        TestServer.await("the second timeout's close counted", () ->
                value("neuroinfo_connections_closed", "reason", "authentication_timeout") == 2);
        assertEquals(2, value("neuroinfo_inband_auth", "outcome", "timeout"));
    }

    private static double value(String name, String label, String labelValue) {
        return server.metric(name, label, labelValue);
    }

    private static RawWebSocket anonymous() throws IOException {
        RawWebSocket socket = RawWebSocket.open(server.wsPort(), "/api/ws", Map.of());
        assertEquals(101, socket.response().status());
        return socket;
    }
}
