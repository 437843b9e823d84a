package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the embedded server writes while it upgrades a connection: the 101 and the {@code welcome}
 * leave in one write (so a client's first read has both); a client that sends as soon as the 101
 * begins to arrive is answered in order; a refusal is written and closed as it was.
 */
class UpgradeWritesTest {
    private static final String SUBSCRIBE = "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\"}}";

    @RegisterExtension
    static final TestServer server = TestServer.shared();

    private static byte[] upgrade(String token) {
        return ("GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A masked text frame, as a client must send it (a zero mask keeps the payload readable). */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | payload.length);
        frame.writeBytes(new byte[4]);
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.wsPort()), 5_000);
        socket.setSoTimeout((int) TestServer.WAIT.toMillis());
        return socket;
    }

    /** Reads until {@code count} whole text frames follow the response head; returns the head and their texts. */
    private static String[] headAndTexts(InputStream in, byte[] first, int firstLength, int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(first, 0, firstLength);
        while (true) {
            String[] parsed = parse(bytes.toByteArray(), count);
            if (parsed != null) {
                return parsed;
            }
            int b = in.read();
            assertTrue(b >= 0, "the server ended the connection after " + bytes.size() + " bytes");
            bytes.write(b);
        }
    }

    /** The head and {@code count} unmasked short text frames after it, or null while they are incomplete. */
    private static String[] parse(byte[] bytes, int count) {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = all.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return null;
        }
        String[] out = new String[count + 1];
        out[0] = all.substring(0, headEnd);
        int at = headEnd + 4;
        for (int i = 1; i <= count; i++) {
            if (bytes.length < at + 2) {
                return null;
            }
            int length = bytes[at + 1] & 0x7f;
            assertEquals(0x81, bytes[at] & 0xff, "an unfragmented text frame");
            assertTrue(length < 126, "a short frame");
            if (bytes.length < at + 2 + length) {
                return null;
            }
            out[i] = new String(bytes, at + 2, length, StandardCharsets.UTF_8);
            at += 2 + length;
        }
        return out;
    }

    private static String type(String message) {
        return TestServer.CODEC.parse(message).orElseThrow().get("type").textValue();
    }

    @Test
    void theClientsFirstReadHasThe101AndTheWelcome() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(upgrade(server.token("together")));
            byte[] first = new byte[8192];
            int length = socket.getInputStream().read(first);
            // one write on loopback arrives as one segment: the first read returns all of it
            String[] got = parse(Arrays.copyOf(first, Math.max(length, 0)), 1);
            assertTrue(got != null, "the first read has the whole 101 and the welcome: "
                    + new String(first, 0, Math.max(length, 0), StandardCharsets.ISO_8859_1));
            assertTrue(got[0].startsWith("HTTP/1.1 101 "), got[0]);
            assertEquals("welcome", type(got[1]));
        }
    }

    @Test
    void aSubscribeSentBeforeReadingTheWelcomeIsAnswered() throws IOException {
        try (Socket socket = connect()) {
            InputStream in = socket.getInputStream();
            socket.getOutputStream().write(upgrade(server.token("hasty")));
            byte[] first = new byte[1];
            int length = in.read(first);
            socket.getOutputStream().write(maskedText(SUBSCRIBE));
            String[] got = headAndTexts(in, first, length, 2);
            assertTrue(got[0].startsWith("HTTP/1.1 101 "), got[0]);
            assertEquals("welcome", type(got[1]));
            assertEquals("addSuccess", type(got[2]), got[2]);
        }
    }

    @Test
    void aRefusedHandshakeIsAnsweredAndClosedAsBefore() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(upgrade("na_not-a-token"));
            byte[] all = socket.getInputStream().readAllBytes();
            String answer = new String(all, StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 401 "), answer);
        }
    }
}
