package dev.neuroinfo.ws.conformance.wire;

import dev.neuroinfo.ws.wire.Evidence;
import dev.neuroinfo.ws.wire.HttpReader;
import dev.neuroinfo.ws.wire.HttpResponse;
import dev.neuroinfo.ws.wire.Sockets;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deliberately tiny HTTP/1.1 client over a plain socket: the request goes out byte for byte as
 * built (no header is added, dropped or normalised behind the suite's back), and the response
 * is read raw. One request per connection ({@code Connection: close}).
 */
public final class RawHttp {
    private final URI base;
    private final String prefix;
    private final Duration timeout;
    private final WireLog log;

    /**
     * @param base    {@code http://host:port} or {@code http://host:port/context}; paths are appended to it
     * @param timeout bound for connecting and for each read
     * @param log     where requests and responses are recorded
     */
    public RawHttp(URI base, Duration timeout, WireLog log) {
        this.base = base;
        // a server deployed under a context path (a WAR at /neuroinfo) has its API below that path
        String basePath = base.getRawPath();
        this.prefix = basePath == null ? "" : basePath.replaceAll("/+$", "");
        this.timeout = timeout;
        this.log = log;
    }

    /** Sends a request with the given headers (in order, exactly) and an optional body. */
    public HttpResponse exchange(String method, String path, List<Map.Entry<String, String>> headers, String body)
            throws IOException {
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(prefix).append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(Sockets.hostHeader(base)).append("\r\n");
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            shown.add(h.getKey() + ": " + h.getValue());
        }
        if (body != null) {
            head.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        log.line("-> HTTP " + method + " " + path + " " + shown + (body == null ? "" : " body=" + Evidence.quote(body)));
        try (Socket socket = Sockets.open(base, timeout)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bodyBytes);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            HttpReader.Head responseHead = HttpReader.readHead(in);
            HttpResponse response = responseHead.withBody(HttpReader.readBody(in, responseHead, "HEAD".equals(method)));
            log.line("<- HTTP " + response.summary());
            return response;
        }
    }
}
