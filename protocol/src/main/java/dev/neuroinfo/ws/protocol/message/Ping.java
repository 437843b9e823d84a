package dev.neuroinfo.ws.protocol.message;

/**
 * A client's liveness check at the application level: {@code {"type":"ping"}}, answered with
 * {@link Pong} (SES-12). Browsers cannot send WebSocket ping frames, so this is how a browser
 * client learns that the connection still carries messages.
 */
public record Ping() implements ClientMessage {
    @Override
    public String type() {
        return MessageTypes.PING;
    }
}
