package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.HandshakeError;
import java.nio.charset.StandardCharsets;

/**
 * How a refused handshake is written: the exact plain-text body of the catalogue.
 *
 * @param status      HTTP status
 * @param reason      HTTP reason phrase
 * @param contentType the Content-Type header value
 * @param body        the body bytes
 */
public record HandshakeErrorResponse(int status, String reason, String contentType, byte[] body) {

    /** The response for an error: its catalogue text as plain text. */
    public static HandshakeErrorResponse of(HandshakeError error) {
        return new HandshakeErrorResponse(error.status(), reasonPhrase(error.status()),
                "text/plain; charset=utf-8", error.body().getBytes(StandardCharsets.UTF_8));
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
