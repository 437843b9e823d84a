package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.Game;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.protocol.recovery.RecoveryApi;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.wire.Sockets;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that ask the HTTP API for a large answer and do not read it (security.md, "Before
 * authentication" and "Per user and per token"): they must not hold the threads every other
 * request needs, nor pile up answers on one connection by pipelining. The answer here is the
 * recovery history, several MB because its events are large; the clients' receive buffers are
 * small, so the kernel holds little of it for them.
 */
class UnreadAnswersTest {
    /** More non-reading clients than the API port has worker threads (Grizzly's default pool). */
    private static final int NON_READERS = 12;
    private static final int EVENTS = 300;
    private static final String TITLE = "x".repeat(60_000);
    private static final int SMALL_RECEIVE_BUFFER = 4096;

    @RegisterExtension
    static final TestServer server = TestServer.shared(c -> c.recovery(RecoverySettings.ON));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TestServer.WAIT).build();
    private static String apiToken;
    private static String historyRequest;
    private static final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void aLargeHistory() throws Exception {
        for (int i = 0; i < EVENTS; i++) {
            server.publish(EventType.STREAM_ONLINE, new StreamOnline(Integer.toString(i), TITLE, new Game("1", "g"), "en",
                    List.of(), false, i, 1_766_924_114_000L, "https://example.com/t.jpg"));
        }
        apiToken = server.token("reader");
        HttpResponse<String> latest = send(HttpRequest.newBuilder(server.httpUri().resolve(RecoveryApi.LATEST_PATH))
                .header("Authorization", "Bearer " + apiToken));
        String epoch = TestServer.CODEC.decodeLatestState(latest.body()).orElseThrow().epoch();
        historyRequest = "GET " + RecoveryApi.HISTORY_PATH + "?epoch=" + epoch + "&since=0 HTTP/1.1\r\nHost: "
                + Sockets.hostHeader(server.httpUri()) + "\r\nAuthorization: Bearer " + apiToken + "\r\n\r\n";
    }

    @AfterAll
    static void closeSockets() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /**
     * A client that sends {@code requests} history requests at once and reads only the first byte
     * of the answer: the server has taken the first request on when this returns.
     */
    private static Socket nonReader(int requests) throws Exception {
        Socket socket = Sockets.open(server.httpUri(), TestServer.WAIT, SMALL_RECEIVE_BUFFER);
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(historyRequest.repeat(requests).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        assertEquals('H', socket.getInputStream().read(), "the answer's first byte");
        return socket;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(TestServer.WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void clientsThatDoNotReadTheirAnswersLeaveTheOtherRequestsTheirThreads() throws Exception {
        for (int i = 0; i < NON_READERS; i++) {
            nonReader(1);
        }
        URI base = server.httpUri();
        assertEquals(200, send(HttpRequest.newBuilder(base.resolve("/api/health"))).statusCode(), "health answers");
        HttpResponse<String> published = send(HttpRequest.newBuilder(base.resolve("/api/admin/events"))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventType\":\"streamOffline\",\"eventData\":{\"isLive\":false}}")));
        assertEquals(202, published.statusCode(), published.body());
        HttpResponse<String> latest = send(HttpRequest.newBuilder(base.resolve(RecoveryApi.LATEST_PATH))
                .header("Authorization", "Bearer " + apiToken));
        assertEquals(200, latest.statusCode(), latest.body());
    }

    @Test
    void aClientThatPipelinesWithoutReadingIsClosedBeforeItsAnswersPileUp() throws Exception {
        int pipelined = 5;
        Socket socket = nonReader(pipelined);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[65536];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                received.write(chunk, 0, n);
            }
        } catch (SocketException reset) {
            // closed with answers still queued: what was read is what counts
        }
        int answers = received.toString(StandardCharsets.ISO_8859_1).split("TTP/1\\.1 200", -1).length - 1;
        assertTrue(answers < pipelined, "the connection was closed before all " + pipelined + " answers were queued, "
                + answers + " answer heads in " + (1 + received.size()) + " bytes");
    }
}
