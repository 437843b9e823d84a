package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.server.net.ClientAddress;
import dev.neuroinfo.ws.server.net.TrustedProxies;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The client address of an HTTP API request, for admin logs: the peer the container put in
 * {@link ClientAddress#PEER_ATTRIBUTE}, or what a trusted proxy forwarded.
 */
final class RequestOrigin {
    private RequestOrigin() {
    }

    /** The client's address, or {@code -} when the container did not tell. */
    static String of(ContainerRequestContext request, TrustedProxies trusted) {
        Object peer = request.getProperty(ClientAddress.PEER_ATTRIBUTE);
        String client = ClientAddress.resolve(peer == null ? null : peer.toString(), request::getHeaderString, trusted);
        return client == null ? "-" : client;
    }
}
