package dev.neuroinfo.ws.protocol.message;

/** The wire values of a message's {@code type} member. */
public final class MessageTypes {
    public static final String ADD_EVENT = "addEvent";
    public static final String REMOVE_EVENT = "removeEvent";
    /** Both the client's request and the server's reply use this type. */
    public static final String LIST_EVENTS = "listEvents";
    public static final String AUTH = "auth";
    /** A client's application-level liveness check (SES-12). */
    public static final String PING = "ping";
    public static final String WELCOME = "welcome";
    public static final String EVENT = "event";
    public static final String ADD_SUCCESS = "addSuccess";
    public static final String REMOVE_SUCCESS = "removeSuccess";
    public static final String INVALID = "invalid";
    /** The answer to {@link #PING}. */
    public static final String PONG = "pong";

    private MessageTypes() {
    }
}
