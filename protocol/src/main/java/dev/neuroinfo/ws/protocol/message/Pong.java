package dev.neuroinfo.ws.protocol.message;

/** The answer to a {@link Ping}: {@code {"type":"pong","data":{}}} (SES-12). */
public record Pong() implements ServerMessage {
    @Override
    public String type() {
        return MessageTypes.PONG;
    }
}
