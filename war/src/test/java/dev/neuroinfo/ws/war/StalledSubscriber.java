package dev.neuroinfo.ws.war;

import dev.neuroinfo.ws.wire.Frame;
import dev.neuroinfo.ws.wire.HandshakeRequest;
import dev.neuroinfo.ws.wire.HttpReader;
import dev.neuroinfo.ws.wire.RawClient;
import dev.neuroinfo.ws.wire.Sockets;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client that subscribes to an event type and then stops reading, with a small receive
 * buffer, so that the server's queue for it fills up (LIM-9). Reading resumes only to find out how
 * the server ended the connection. Meanwhile it sends an unsolicited pong every second (RFC 6455
 * allows them): any arriving frame restarts the idle timeout (KA-4), so only the queue can close it.
 */
final class StalledSubscriber implements AutoCloseable {
    /** The close code when the connection ended without a close frame (RFC 6455's 1006). */
    static final int NO_CLOSE_FRAME = 1006;
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private final RawClient client;
    private final ScheduledExecutorService pongs = Executors.newSingleThreadScheduledExecutor();

    StalledSubscriber(URI ws, String token, String eventType) throws IOException {
        client = RawClient.open(ws, Duration.ofSeconds(10), 4096);
        HttpReader.Head head = client.handshake(HandshakeRequest.upgrade(ws.getRawPath()).bearer(token),
                Sockets.hostHeader(ws));
        if (head.status() != 101) {
            throw new IOException("not upgraded: " + head.status() + " " + head.reason());
        }
        readText(); // welcome
        sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"" + eventType + "\"}}");
        String answer = readText();
        if (!answer.contains("addSuccess")) {
            throw new IOException("subscription not confirmed: " + answer);
        }
        pongs.scheduleAtFixedRate(() -> {
            try {
                client.send(true, Frame.PONG, new byte[0]);
            } catch (IOException closed) {
                pongs.shutdown();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Reads (and discards) everything the server sent until the connection ends.
     *
     * @param within how long the server may take to end it; its pings alone would keep a read
     *        timeout from ever firing
     * @return the close frame's code, or {@link #NO_CLOSE_FRAME}
     * @throws SocketTimeoutException when the server keeps the connection open
     */
    int drainToClose(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (System.nanoTime() - deadline > 0) {
                throw new SocketTimeoutException("the server still had the stalled connection open after " + within);
            }
            Frame frame;
            try {
                frame = client.read(MAX_FRAME);
            } catch (EOFException | java.net.SocketException ended) {
                return NO_CLOSE_FRAME;
            }
            if (frame.opcode() == Frame.CLOSE) {
                return frame.closeCode().orElse(1005);
            }
        }
    }

    private String readText() throws IOException {
        while (true) {
            Frame frame = client.read(MAX_FRAME);
            if (frame.opcode() == Frame.TEXT) {
                return frame.text();
            }
        }
    }

    private void sendText(String text) throws IOException {
        client.send(true, Frame.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        pongs.shutdownNow();
        client.close();
    }
}
