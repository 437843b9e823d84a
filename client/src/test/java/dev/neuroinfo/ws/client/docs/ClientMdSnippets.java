package dev.neuroinfo.ws.client.docs;

import dev.neuroinfo.ws.client.EventHandler;
import dev.neuroinfo.ws.client.EventStream;
import dev.neuroinfo.ws.client.NeuroInfoClient;
import dev.neuroinfo.ws.client.NeuroInfoConnectException;
import dev.neuroinfo.ws.client.ReconnectPolicy;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;

/**
 * The code blocks of docs/client.md that are not whole programs, each between {@code begin} and
 * {@code end} lines; {@link ClientMdTest} checks that the document quotes them verbatim, so they
 * compile with the build and cannot rot.
 */
final class ClientMdSnippets {
    private ClientMdSnippets() {
    }

    static NeuroInfoClient waitingForTheServer(String url, String token) {
        // begin: waiting-for-the-server
        NeuroInfoClient client = NeuroInfoClient.builder()
                .webSocketUrl(url)
                .token(token)
                .retryInitialConnect(true)  // wait for the server
                .reconnectPolicy(ReconnectPolicy.defaults().withMaxAttempts(20))
                .build();
        // end: waiting-for-the-server
        return client;
    }

    static void embeddedLauncher(String token) {
        // begin: two-ports
        NeuroInfoClient client = NeuroInfoClient.builder()
                .webSocketUrl("ws://localhost:8081/api/ws")
                .httpBaseUrl("http://localhost:8080")  // the embedded launcher's HTTP API port
                .token(token)
                .build();
        // end: two-ports
        client.close();
    }

    static void failures(NeuroInfoClient client) throws InterruptedException {
        // begin: failures
        try {
            client.connectAndWait();
        } catch (NeuroInfoConnectException e) {
            if (e.isAuthenticationFailure()) {
                System.err.println("token refused: " + e.status() + " " + e.serverText().orElse(""));
            } else {
                System.err.println(e.kind() + ": " + e.getMessage());
            }
        }
        client.connect().whenComplete((sessionId, failure) -> {
            if (failure instanceof NeuroInfoConnectException e) {
                System.err.println("not connected: " + e.kind());
            }
        });
        // end: failures
    }

    static void stream(NeuroInfoClient client) {
        // begin: stream
        EventHandler handler = new EventHandler() {
            @Override
            public void streamOnline(StreamOnline live, long timestamp) {
                System.out.println("Live: " + live.title() + ", " + live.viewerCount() + " viewers");
            }

            @Override
            public void streamRaidIncoming(StreamRaid raid, long timestamp) {
                System.out.println("Raid from " + raid.channel().displayName());
            }
        };
        try (EventStream stream = client.stream(100, EventType.STREAM_ONLINE, EventType.STREAM_RAID_INCOMING)) {
            while (stream.hasNext()) {
                handler.handle(stream.next());
            }
        }
        // end: stream
    }
}
