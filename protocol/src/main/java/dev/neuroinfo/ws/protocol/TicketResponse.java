package dev.neuroinfo.ws.protocol;

import java.util.Objects;

/**
 * The {@code data} of a successful {@code GET /api/ws/ticket}.
 *
 * @param ticket    the one-time ticket
 * @param expiresIn seconds until it expires
 * @param usage     a human hint, {@code Connect with <ws-url>?ticket=<ticket>}
 */
public record TicketResponse(String ticket, int expiresIn, String usage) {
    public TicketResponse {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(usage, "usage");
    }

    /**
     * Builds the usage hint for a WebSocket URL. The {@code <ticket>} placeholder stays literal,
     * as the API documents it.
     */
    public static String usageFor(String webSocketUrl) {
        return "Connect with " + webSocketUrl + "?ticket=<ticket>";
    }
}
