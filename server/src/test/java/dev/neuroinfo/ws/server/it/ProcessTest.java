package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as an operator runs it: a separate JVM that prints how to connect on its first
 * start and, on SIGTERM, closes every connection with 1001 and exits within five seconds, even
 * while a client that does not read holds megabytes of unread answers.
 */
class ProcessTest {
    /** Enough answers that the socket buffers cannot take them all: some stay queued at shutdown. */
    private static final int UNREAD_ANSWERS = 20_000;

    @TempDir
    Path dataDir;

    private static RawWebSocket stalled(ChildServer child) throws Exception {
        RawWebSocket socket = RawWebSocket.open(child.wsPort(), "/api/ws",
                Map.of("Authorization", "Bearer " + child.apiToken), 4096);
        assertEquals(101, socket.response().status());
        byte[] message = "{\"type\":\"listEvents\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < UNREAD_ANSWERS; i++) {
            frames.write(0x81);
            frames.write(0x80 | message.length);
            frames.writeBytes(new byte[4]);
            frames.writeBytes(message);
        }
        socket.sendRaw(frames.toByteArray());
        return socket;
    }

    // the banner is read line by line; a changed banner must fail the test, not hang it
    @Timeout(120)
    @Test
    void firstStartPrintsHowToConnectAndSigtermClosesWith1001() throws Exception {
        // limits raised so that the stalled client's answers pile up instead of closing it
        try (ChildServer child = ChildServer.start(dataDir, List.of(),
                List.of("--message-burst", "100000", "--queue-limit", "100000"))) {
            // a client that reads its backlog only after SIGTERM may or may not finish within the
            // bound, so the test holds one that never reads: it must not delay the exit
            int port = child.port;
            String text = String.join("\n", child.banner);
            assertTrue(text.contains("ws://127.0.0.1:" + (port + 1) + "/api/ws"), text);
            assertTrue(text.contains("http://127.0.0.1:" + port + "/api/ws/ticket"), text);
            assertTrue(text.contains("admin token: na_"), text);
            try (RawWebSocket socket = RawWebSocket.open(port + 1, "/api/ws",
                    Map.of("Authorization", "Bearer " + child.apiToken));
                    RawWebSocket neverReads = stalled(child)) {
                assertEquals(101, socket.response().status());
                assertTrue(socket.nextText(TestServer.WAIT).contains("welcome"));
                child.process.destroy();
                assertEquals(1001, socket.awaitClose(TestServer.WAIT, true));
                assertTrue(child.process.waitFor(5, TimeUnit.SECONDS), "exited within 5 s of SIGTERM");
            }
        }
    }
}
