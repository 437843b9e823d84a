package dev.neuroinfo.ws.war;

import dev.neuroinfo.ws.wire.Frame;
import dev.neuroinfo.ws.wire.HandshakeRequest;
import dev.neuroinfo.ws.wire.HttpReader;
import dev.neuroinfo.ws.wire.RawClient;
import dev.neuroinfo.ws.wire.Sockets;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A WebSocket handshake over a plain socket (the wire library's {@link RawClient}), so that refusals can be read byte for byte. */
final class RawHandshake {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_FIRST_FRAME = 64 * 1024;

    /**
     * The answer to a handshake.
     *
     * @param status  the status code
     * @param headers header names lower-cased, the last value of each
     * @param body    the body (for a refusal), read by Content-Length
     */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /**
     * A handshake the gate admits but a container will not upgrade.
     *
     * @param connection the Connection header
     * @param version    the HTTP version
     */
    record NotUpgradable(String connection, String version) {
        /** An ordinary, upgradable handshake. */
        static final NotUpgradable NONE = new NotUpgradable("Upgrade", "HTTP/1.1");
    }

    private RawHandshake() {
    }

    /** Sends an upgrade request for the URI's path and query, with an optional Authorization header. */
    static Answer upgrade(URI ws, String authorization) throws IOException {
        return upgrade(ws, authorization, NotUpgradable.NONE);
    }

    /** As {@link #upgrade(URI, String)}, with the given Connection header and protocol version. */
    static Answer upgrade(URI ws, String authorization, NotUpgradable variant) throws IOException {
        try (RawClient client = RawClient.open(ws, TIMEOUT, 0)) {
            HttpReader.Head head = client.handshake(request(ws, authorization, variant), Sockets.hostHeader(ws));
            Map<String, String> headers = new LinkedHashMap<>();
            head.headers().forEach((name, values) -> headers.put(name, values.get(values.size() - 1)));
            if (head.status() == 101) {
                return new Answer(head.status(), headers, firstTextFrame(client));
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Answer(head.status(), headers, new String(client.input().readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    /**
     * Sends an upgrade request and, if it is upgraded, drops the connection as soon as the 101
     * arrives, with a reset or a plain close.
     *
     * @return whether it was upgraded
     */
    static boolean dropAfterUpgrade(URI ws, String authorization, boolean reset) throws IOException {
        try (RawClient client = RawClient.open(ws, TIMEOUT, 0)) {
            boolean upgraded = client.handshake(request(ws, authorization, NotUpgradable.NONE), Sockets.hostHeader(ws))
                    .status() == 101;
            if (upgraded && reset) {
                client.socket().setSoLinger(true, 0);
            }
            return upgraded;
        }
    }

    private static HandshakeRequest request(URI ws, String authorization, NotUpgradable variant) {
        String target = ws.getRawPath() + (ws.getRawQuery() == null ? "" : "?" + ws.getRawQuery());
        HandshakeRequest request = HandshakeRequest.upgrade(target).httpVersion(variant.version())
                .replace("Connection", variant.connection());
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    /** The payload of the server's first frame, which must be an unfragmented text frame. */
    private static String firstTextFrame(RawClient client) throws IOException {
        Frame first = client.read(MAX_FIRST_FRAME);
        if (first.opcode() == Frame.CLOSE) {
            throw new IOException("expected a text frame, got a close frame: " + first.closeCode() + " "
                    + first.closeReason());
        }
        if (first.opcode() != Frame.TEXT) {
            throw new IOException("expected a text frame, got opcode " + first.opcode());
        }
        return first.text();
    }
}
