package dev.neuroinfo.ws.bench;

import dev.neuroinfo.ws.wire.Frame;
import dev.neuroinfo.ws.wire.FrameCodec;
import dev.neuroinfo.ws.wire.HandshakeRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The client side of RFC 6455 as the generator's selector loop needs it: the wire library's
 * handshake request and frame codec, plus finding a response head in a buffer.
 */
final class Frames {
    static final int TEXT = Frame.TEXT;
    static final int CLOSE = Frame.CLOSE;
    static final int PING = Frame.PING;
    static final int PONG = Frame.PONG;

    private Frames() {
    }

    /**
     * The opening handshake.
     *
     * @param authorization the full {@code Authorization} header value, or null for none
     */
    static byte[] handshake(String host, int port, String pathAndQuery, String authorization) {
        HandshakeRequest request = HandshakeRequest.upgrade(pathAndQuery);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.toBytes(host + ":" + port);
    }

    /** A complete, masked client frame (clients must mask, RFC 6455 section 5.3). */
    static byte[] masked(int opcode, byte[] payload) {
        return FrameCodec.masked(true, opcode, payload);
    }

    static byte[] maskedText(String text) {
        return masked(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame with status 1000. */
    static byte[] maskedClose() {
        return masked(CLOSE, Frame.closePayload(1000));
    }

    /** The end of the HTTP response head (index after CRLFCRLF) in bytes [from, to), or -1. */
    static int headEnd(ByteBuffer buffer, int from, int to) {
        for (int i = Math.max(from, 3); i < to; i++) {
            if (buffer.get(i) == '\n' && buffer.get(i - 1) == '\r' && buffer.get(i - 2) == '\n' && buffer.get(i - 3) == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Whether an HTTP response head starting at {@code from} is a 101. */
    static boolean isSwitchingProtocols(ByteBuffer buffer, int from) {
        return buffer.get(from + 9) == '1' && buffer.get(from + 10) == '0' && buffer.get(from + 11) == '1';
    }
}
