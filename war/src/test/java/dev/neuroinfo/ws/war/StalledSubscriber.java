package dev.neuroinfo.ws.war;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
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

    private final Socket socket;
    private final DataInputStream in;
    private final ScheduledExecutorService pongs = Executors.newSingleThreadScheduledExecutor();

    StalledSubscriber(URI ws, String token, String eventType) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress(ws.getHost(), ws.getPort()), 5_000);
        socket.setSoTimeout(10_000);
        String request = "GET " + ws.getRawPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer " + token + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        in = new DataInputStream(socket.getInputStream());
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("not upgraded: " + head);
        }
        readText(); // welcome
        sendText(out, "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"" + eventType + "\"}}");
        String answer = readText();
        if (!answer.contains("addSuccess")) {
            throw new IOException("subscription not confirmed: " + answer);
        }
        pongs.scheduleAtFixedRate(() -> {
            try {
                sendFrame(out, 0x8A, new byte[0]);
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
            int opcode;
            byte[] payload;
            try {
                opcode = in.readUnsignedByte() & 0x0f;
                payload = readPayload();
            } catch (EOFException | java.net.SocketException ended) {
                return NO_CLOSE_FRAME;
            }
            if (opcode == 0x8) {
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
            }
        }
    }

    private String readText() throws IOException {
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0f;
            byte[] payload = readPayload();
            if (opcode == 0x1) {
                return new String(payload, StandardCharsets.UTF_8);
            }
        }
    }

    private byte[] readPayload() throws IOException {
        long length = in.readUnsignedByte() & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        return in.readNBytes((int) length);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void sendText(OutputStream out, String text) throws IOException {
        sendFrame(out, 0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One masked frame; the first byte carries FIN and the opcode. */
    private static synchronized void sendFrame(OutputStream out, int first, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        frame.write(0x80 | payload.length); // client messages here are under 126 bytes
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        pongs.shutdownNow();
        socket.close();
    }
}
