package dev.neuroinfo.ws.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a server port, whose connections a test can cut as a
 * network failure would: {@link #cut()} resets every connection through it without a close frame,
 * and until {@link #restore()} new connections are reset at once, so the client stays away while
 * the test publishes. {@link #answerNotFound(int)} has it answer the next connections' requests
 * itself with 404, as a reverse proxy does while its backend is away.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final AtomicInteger notFoundLeft = new AtomicInteger();
    private final AtomicInteger notFoundAnswered = new AtomicInteger();
    private volatile boolean down;

    private TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to {@code 127.0.0.1:targetPort}. */
    static TcpProxy to(int targetPort) {
        try {
            return new TcpProxy(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port clients connect to. */
    int port() {
        return listener.getLocalPort();
    }

    /** Resets every connection through the proxy and refuses new ones until {@link #restore()}. */
    void cut() {
        down = true;
        open.forEach(TcpProxy::reset);
        open.clear();
    }

    /**
     * The next {@code times} connections get a 404 answer to their request, whatever it asks; later
     * ones go through again. So a client that sends the port other requests than the handshake (its
     * recovery requests, when its HTTP base is derived from the WebSocket URL) may take one of them.
     */
    void answerNotFound(int times) {
        notFoundLeft.set(times);
    }

    /** How many connections were answered 404 so far. */
    int notFoundAnswered() {
        return notFoundAnswered.get();
    }

    /** Lets connections through again. */
    void restore() {
        down = false;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            if (down) {
                reset(client);
                continue;
            }
            if (notFoundLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                notFoundAnswered.incrementAndGet();
                notFound(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                open.add(client);
                open.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // one side was cut or closed: the other follows
            } finally {
                reset(to);
            }
        }, "tcp-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads the request head, answers 404 and closes. */
    private static void notFound(Socket client) {
        byte[] body = "Not Found".getBytes(StandardCharsets.US_ASCII);
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            int matched = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
                if (matched == 4) {
                    break;
                }
            }
            out.write(("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the client went away first
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
        try {
            listener.close();
            acceptor.join(2000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
