package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.server.it.TestServer;

/** Clients of the server's {@link TestServer}. */
final class TestClients {
    private TestClients() {
    }

    /**
     * A client builder for a test server. The embedded server serves its HTTP API on another port
     * than its WebSocket endpoint, so the HTTP base is named, as its users must.
     */
    static NeuroInfoClientBuilder builderFor(TestServer server) {
        return NeuroInfoClient.builder().webSocketUrl(server.webSocketUri()).httpBaseUrl(server.httpUri());
    }
}
