package dev.neuroinfo.ws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.server.it.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close(): nothing keeps running, nothing reconnects, waiting callers are released. */
class CloseTest {
    @TempDir
    Path dataDir;

    private static Set<Thread> clientThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t))
                .filter(t -> t.getName().startsWith(ClientThreads.PREFIX) || t.getName().startsWith("HttpClient-"))
                .collect(Collectors.toSet());
    }

    @Test
    void closeLeavesNoThreadBehind() {
        try (TestServer server = TestServer.start(dataDir)) {
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            NeuroInfoClient client = TestClients.builderFor(server)
                    .token(server.issue("tester", true).secret()).build();
            client.on(EventType.STREAM_ONLINE, StreamOnline.class, (live, ts) -> { });
            client.connect().toCompletableFuture().join();
            client.listEvents().toCompletableFuture().join();
            server.publish(EventType.STREAM_ONLINE, Samples.online("x"));
            assertTrue(clientThreads(before).stream().anyMatch(t -> t.getName().startsWith(ClientThreads.PREFIX)));

            client.close();
            client = null;

            // Our own threads are stopped by close(); on Java 17 the JDK's HttpClient selector
            // thread ends once the HttpClient is unreachable, hence the collection requests.
            Poll.until("every client thread gone", () -> {
                System.gc();
                return clientThreads(before).isEmpty();
            });
            Poll.until("server saw the close", () -> server.openConnections() == 0);
        }
    }

    @Test
    void closeFailsAPendingConnect() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            // Accepts TCP connections and never answers: the attempt hangs until the client closes.
            NeuroInfoClient client = NeuroInfoClient.builder()
                    .webSocketUrl("ws://127.0.0.1:" + silent.getLocalPort() + "/api/ws")
                    .authMethod(AuthMethod.HEADER).token("t").build();
            CompletableFuture<String> pending = client.connect().toCompletableFuture();

            client.close();

            CompletionException thrown = assertThrows(CompletionException.class, pending::join);
            NeuroInfoConnectException cause = assertInstanceOf(NeuroInfoConnectException.class, thrown.getCause());
            assertEquals(NeuroInfoConnectException.Kind.CLOSED, cause.kind());
        }
    }

    @Test
    void closeIsIdempotentAndWorksFromAListener() {
        try (TestServer server = TestServer.start(dataDir)) {
            NeuroInfoClient client = TestClients.builderFor(server)
                    .token(server.issue("tester", true).secret()).build();
            CompletableFuture<Void> closedInCallback = new CompletableFuture<>();
            client.addConnectionListener(new ConnectionListener() {
                @Override
                public void connected(String sessionId) {
                    client.close();
                    closedInCallback.complete(null);
                }
            });
            client.connect().toCompletableFuture().join();
            closedInCallback.join();
            client.close();

            assertThrows(CompletionException.class, () -> client.connect().toCompletableFuture().join());
            assertEquals(List.of(), List.copyOf(client.subscribedEvents()));
        }
    }
}
