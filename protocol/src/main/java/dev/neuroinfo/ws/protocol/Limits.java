package dev.neuroinfo.ws.protocol;

import java.time.Duration;

/** The API's limits and timings, the defaults a server enforces and a client expects. */
public final class Limits {
    /** How long a one-time ticket stays valid. */
    public static final Duration TICKET_TTL = Duration.ofSeconds(30);
    /** Open WebSocket connections allowed per user, handshakes in flight included. */
    public static final int MAX_CONNECTIONS_PER_USER = 5;
    /** Ticket requests allowed per token within {@link #TICKET_RATE_WINDOW}. */
    public static final int TICKET_REQUESTS_PER_MINUTE = 100;
    /** The window of the ticket endpoint's rate limit. */
    public static final Duration TICKET_RATE_WINDOW = Duration.ofMinutes(1);
    /** streamUpdate is broadcast at most once per this interval. */
    public static final Duration STREAM_UPDATE_INTERVAL = Duration.ofSeconds(2);
    /** The server pings each connection this often. */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(25);
    /** A connection from which nothing arrived for this long is closed. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Largest client message accepted, in bytes; larger ones close the connection. */
    public static final int MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;
    /** In-band authentication mode: time allowed to send the auth message. */
    public static final Duration INBAND_AUTH_TIMEOUT = Duration.ofSeconds(10);

    /** Client messages a connection may send at once before {@link #INBOUND_MESSAGES_PER_SECOND} applies. */
    public static final int INBOUND_MESSAGE_BURST = 100;
    /** Client messages a connection may send per second, sustained, once its burst is spent. */
    public static final int INBOUND_MESSAGES_PER_SECOND = 20;
    /** Largest request body the HTTP API reads (admin API), in bytes; larger ones are refused with 413. */
    public static final int MAX_REQUEST_BODY_BYTES = 64 * 1024;

    private Limits() {
    }
}
