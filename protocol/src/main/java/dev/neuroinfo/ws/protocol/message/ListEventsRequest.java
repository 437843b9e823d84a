package dev.neuroinfo.ws.protocol.message;

/** Ask for the subscribed and available events: {@code {"type":"listEvents","data":{}}}. */
public record ListEventsRequest() implements ClientMessage {
    @Override
    public String type() {
        return MessageTypes.LIST_EVENTS;
    }
}
