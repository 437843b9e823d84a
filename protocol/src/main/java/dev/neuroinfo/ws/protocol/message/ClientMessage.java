package dev.neuroinfo.ws.protocol.message;

/** A message a client sends to the server. */
public sealed interface ClientMessage permits AddEvent, RemoveEvent, ListEventsRequest, Ping, Auth {
    /** The wire value of {@code type}. */
    String type();
}
