package dev.neuroinfo.ws.server.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a Redis whose connections the test can stall one at a time: the bytes a
 * stalled connection sends wait in the proxy until it is resumed, and then reach Redis in order.
 * It plays a Redis that does not answer a node's commands while that node's other connections
 * (the event feed's) still flow, which a paused redis-server cannot do.
 */
final class StallingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    private StallingProxy(ServerSocket listener, int upstreamPort) {
        this.listener = listener;
        this.upstreamPort = upstreamPort;
    }

    /** A proxy on a free port of 127.0.0.1 forwarding to the Redis at {@code redisUri}. */
    static StallingProxy start(String redisUri) throws IOException {
        StallingProxy proxy = new StallingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                java.net.URI.create(redisUri).getPort());
        daemon("proxy-accept", proxy::accept);
        return proxy;
    }

    /** {@code redis://127.0.0.1:PORT} of the proxy. */
    String uri() {
        return "redis://127.0.0.1:" + listener.getLocalPort();
    }

    /** How many connections the proxy has accepted. */
    int connections() {
        return links.size();
    }

    /** Holds back what the {@code index}-th accepted connection sends to Redis. */
    void stall(int index) {
        links.get(index).setStalled(true);
    }

    /** Lets a stalled connection's bytes through again, those held back first. */
    void resume(int index) {
        links.get(index).setStalled(false);
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                Link link = new Link(client, upstream);
                links.add(link);
                daemon("proxy-up", () -> link.pump(client.getInputStream(), upstream.getOutputStream(), true));
                daemon("proxy-down", () -> link.pump(upstream.getInputStream(), client.getOutputStream(), false));
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    private static void daemon(String name, IoAction action) {
        Thread thread = new Thread(() -> {
            try {
                action.run();
            } catch (IOException ended) {
                // one side closed its connection
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Link link : links) {
            link.setStalled(false);
            link.client.close();
            link.upstream.close();
        }
    }

    /** One proxied connection. */
    private static final class Link {
        private final Socket client;
        private final Socket upstream;
        private boolean stalled;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        synchronized void setStalled(boolean value) {
            stalled = value;
            notifyAll();
        }

        private synchronized void awaitFlowing() throws IOException {
            while (stalled) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while stalled", e);
                }
            }
        }

        void pump(InputStream in, OutputStream out, boolean toRedis) throws IOException {
            byte[] buffer = new byte[16 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (toRedis) {
                    awaitFlowing();
                }
                out.write(buffer, 0, read);
                out.flush();
            }
            out.close();
        }
    }
}
