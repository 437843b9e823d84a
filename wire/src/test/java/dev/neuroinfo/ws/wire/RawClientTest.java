package dev.neuroinfo.ws.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The raw client against a hand-written server side on a real loopback socket. */
class RawClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void handshakesThenExchangesFrames() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> requestSeen = CompletableFuture.supplyAsync(() -> serveOnce(listener));
            URI uri = URI.create("ws://127.0.0.1:" + listener.getLocalPort());
            HandshakeRequest request = HandshakeRequest.upgrade("/api/ws?ticket=t").header("X-Extra", "1");
            try (RawClient client = RawClient.open(uri, TIMEOUT, 0)) {
                HttpReader.Head head = client.handshake(request, Sockets.hostHeader(uri));
                assertEquals(101, head.status());
                assertTrue(RawClient.upgraded(request, head));
                client.send(true, Frame.TEXT, "hi".getBytes(StandardCharsets.UTF_8));
                Frame echo = client.read(Duration.ofSeconds(5), 1024);
                assertEquals(Frame.TEXT, echo.opcode());
                assertEquals("hi", echo.text());
                assertNull(client.read(Duration.ofMillis(50), 1024), "nothing more was sent");
            }
            List<String> lines = requestSeen.get(5, TimeUnit.SECONDS);
            assertEquals("GET /api/ws?ticket=t HTTP/1.1", lines.get(0));
            assertEquals("Host: 127.0.0.1:" + listener.getLocalPort(), lines.get(1));
            assertEquals("X-Extra: 1", lines.get(lines.size() - 1));
        }
    }

    @Test
    void aWrongAcceptIsNotAnUpgrade() {
        HandshakeRequest request = HandshakeRequest.upgrade("/");
        HttpReader.Head wrong = new HttpReader.Head(101, "Switching Protocols",
                Map.of("sec-websocket-accept", List.of(AcceptKey.of("another key"))));
        assertFalse(RawClient.upgraded(request, wrong));
        HttpReader.Head right = new HttpReader.Head(101, "", Map.of("sec-websocket-accept", List.of(AcceptKey.of(request.key()))));
        assertTrue(RawClient.upgraded(request, right));
    }

    /** Accepts one connection, answers its handshake, echoes one frame unmasked; returns the request lines. */
    private static List<String> serveOnce(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            List<String> lines = new ArrayList<>();
            String key = null;
            for (String line = HttpReader.readLine(in); !line.isEmpty(); line = HttpReader.readLine(in)) {
                lines.add(line);
                if (line.startsWith("Sec-WebSocket-Key: ")) {
                    key = line.substring("Sec-WebSocket-Key: ".length());
                }
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + AcceptKey.of(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            Frame frame = FrameCodec.read(in, 1024);
            out.write(FrameCodec.unmasked(true, frame.opcode(), frame.payload()));
            out.flush();
            // held open until the client has seen that nothing more comes
            in.read();
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
