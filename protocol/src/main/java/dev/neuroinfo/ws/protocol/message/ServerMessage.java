package dev.neuroinfo.ws.protocol.message;

/** A message the server sends to a client. */
public sealed interface ServerMessage
        permits Welcome, Event, AddSuccess, RemoveSuccess, ListEventsReply, Invalid, Pong {
    /** The wire value of {@code type}. */
    String type();
}
