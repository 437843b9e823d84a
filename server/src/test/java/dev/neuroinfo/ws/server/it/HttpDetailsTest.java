package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.HandshakeError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WebSocket port's answers to HTTP that is not quite a handshake: HTTP/1.0 upgrades, HEAD. */
class HttpDetailsTest {
    @RegisterExtension
    static final TestServer server = TestServer.shared();

    /** Sends a request and reads the whole answer, up to the server's close. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.wsPort()), 5_000);
            socket.setSoTimeout((int) TestServer.WAIT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void anHttp10UpgradeIsABadRequest() throws IOException {
        String answer = exchange("GET /api/ws HTTP/1.0\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + server.token("old") + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.endsWith("\r\n\r\n" + HandshakeError.BAD_REQUEST.body()), answer);
    }

    @Test
    void headIsAnsweredWithTheHeadersAndNoBody() throws IOException {
        String answer = exchange("HEAD /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 426 "), answer);
        assertTrue(answer.toLowerCase().contains("content-length: " + HandshakeError.UPGRADE_REQUIRED.body().length()),
                answer);
        assertEquals(answer.indexOf("\r\n\r\n") + 4, answer.length(), "nothing after the head: " + answer);
    }
}
