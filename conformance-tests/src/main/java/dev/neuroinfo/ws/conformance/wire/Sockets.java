package dev.neuroinfo.ws.conformance.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Opens the TCP (or TLS, for https/wss) connection a raw exchange runs on. */
final class Sockets {
    private Sockets() {
    }

    static Socket open(URI uri, Duration timeout) throws IOException {
        Socket plain = new Socket();
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress(uri.getHost(), RawHttp.port(uri)), (int) timeout.toMillis());
        plain.setSoTimeout((int) timeout.toMillis());
        if (!"https".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, uri.getHost(), RawHttp.port(uri), true);
        tls.startHandshake();
        return tls;
    }
}
