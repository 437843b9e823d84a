package dev.neuroinfo.ws.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Opens the TCP (or TLS, for https/wss) connection a raw exchange runs on. */
public final class Sockets {
    private Sockets() {
    }

    /** Connects to the URI's host and port; {@code timeout} bounds the connect and every read. */
    public static Socket open(URI uri, Duration timeout) throws IOException {
        return open(uri, timeout, 0);
    }

    /**
     * As {@link #open(URI, Duration)}, with a receive buffer of {@code receiveBuffer} bytes (0 for
     * the default), set before connecting so that a peer that does not read fills it soon.
     */
    public static Socket open(URI uri, Duration timeout, int receiveBuffer) throws IOException {
        Socket plain = new Socket();
        plain.setTcpNoDelay(true);
        if (receiveBuffer > 0) {
            plain.setReceiveBufferSize(receiveBuffer);
        }
        plain.connect(new InetSocketAddress(uri.getHost(), port(uri)), (int) timeout.toMillis());
        plain.setSoTimeout((int) timeout.toMillis());
        if (!"https".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, uri.getHost(), port(uri), true);
        tls.startHandshake();
        return tls;
    }

    /** The Host header value for a URI. */
    public static String hostHeader(URI uri) {
        return uri.getHost() + ":" + port(uri);
    }

    /** The URI's port, or the scheme's default. */
    public static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) || "wss".equals(uri.getScheme()) ? 443 : 80;
    }
}
