package dev.neuroinfo.ws.wire;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;

/**
 * A blocking WebSocket client side over one raw socket, for tests that must send or see exact
 * bytes: it writes the handshake request as built, reads the response head without interpreting
 * it, and sends and reads single frames. It answers nothing by itself (no pongs, no close echo);
 * the layers above decide.
 *
 * <p>Writes are serialised so that a reader thread may answer pings while another thread sends.
 */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Opens the TCP (or TLS) connection to {@code uri}'s host and port, sending nothing yet.
     *
     * @param timeout       bound for connecting and for each read
     * @param receiveBuffer socket receive buffer in bytes, 0 for the default
     */
    public static RawClient open(URI uri, Duration timeout, int receiveBuffer) throws IOException {
        return new RawClient(Sockets.open(uri, timeout, receiveBuffer));
    }

    /**
     * Sends the request as {@link HandshakeRequest#toBytes(String)} writes it and reads the
     * response head; the stream is left at what follows.
     */
    public HttpReader.Head handshake(HandshakeRequest request, String host) throws IOException {
        sendRaw(request.toBytes(host));
        return HttpReader.readHead(in);
    }

    /** Whether {@code head} is a 101 answering the request's key with the right Sec-WebSocket-Accept. */
    public static boolean upgraded(HandshakeRequest request, HttpReader.Head head) {
        String key = request.key();
        return head.status() == 101 && key != null && AcceptKey.of(key).equals(head.first("sec-websocket-accept"));
    }

    /** Reads the body that follows a response head (see {@link HttpReader#readBody}). */
    public byte[] readBody(HttpReader.Head head) throws IOException {
        return HttpReader.readBody(in, head, false);
    }

    /** Sends one frame, masked as a client must. */
    public void send(boolean fin, int opcode, byte[] payload) throws IOException {
        sendRaw(FrameCodec.masked(fin, opcode, payload));
    }

    /** Sends bytes exactly as given, which need not be a whole or valid frame. */
    public void sendRaw(byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Reads the next frame, blocking as long as the socket's read timeout allows. */
    public Frame read(long maxPayload) throws IOException {
        return FrameCodec.read(in, maxPayload);
    }

    /** Reads the next frame, or returns null when none starts within {@code timeout}. */
    public Frame read(Duration timeout, long maxPayload) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            return FrameCodec.read(in, maxPayload);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** The socket, for timeouts, linger and other options. */
    public Socket socket() {
        return socket;
    }

    /** The buffered input after the response head, for reading bytes that are not frames. */
    public InputStream input() {
        return in;
    }

    /** Closes the socket without a close frame. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
