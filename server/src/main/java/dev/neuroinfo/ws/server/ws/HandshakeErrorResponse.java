package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.HandshakeError;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a refused handshake is answered, whatever hosts the server: status, reason phrase, content
 * type, the headers the protocol asks for and the catalogue's exact plain-text body. It is decided
 * here once; the embedded server's {@code GrizzlyGateFilter} and the WAR's {@code HandshakeFilter}
 * only copy it onto their response (each sets Content-Length from the body as its API wants).
 *
 * @param status      HTTP status
 * @param reason      HTTP reason phrase
 * @param contentType the Content-Type header value
 * @param headers     every other header, by name, in the order they are written
 * @param body        the body bytes
 */
public record HandshakeErrorResponse(int status, String reason, String contentType, Map<String, String> headers,
        byte[] body) {

    public HandshakeErrorResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The response for an error: its catalogue text as plain text, with the headers it needs. */
    public static HandshakeErrorResponse of(HandshakeError error) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (error == HandshakeError.UPGRADE_REQUIRED) {
            // RFC 9110 15.5.22: a 426 names the protocol to upgrade to
            headers.put("Upgrade", "websocket");
        }
        if (error == HandshakeError.BAD_REQUEST) {
            // RFC 6455 4.4: the version the server speaks, for a client that asked for another
            headers.put("Sec-WebSocket-Version", "13");
        }
        // the client asked to switch protocols; after a refusal the connection is not reused
        headers.put("Connection", "close");
        return new HandshakeErrorResponse(error.status(), reasonPhrase(error.status()),
                "text/plain; charset=utf-8", headers, error.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String reasonPhrase(int status) {
        switch (status) {
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 404:
                return "Not Found";
            case 426:
                return "Upgrade Required";
            case 429:
                return "Too Many Requests";
            default:
                return "Internal Server Error";
        }
    }
}
