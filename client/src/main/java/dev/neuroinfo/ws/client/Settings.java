package dev.neuroinfo.ws.client;

import java.net.URI;
import java.time.Duration;

/**
 * A client's configuration, fixed when it is built. {@code toString} hides the token.
 * {@code httpBaseUrl} is null unless the auth method is {@link AuthMethod#TICKET} or it was set.
 */
record Settings(URI webSocketUrl, URI httpBaseUrl, String token, AuthMethod authMethod, Duration connectTimeout,
        Duration requestTimeout, boolean autoReconnect, ReconnectPolicy reconnectPolicy, boolean latestStateOnConnect) {

    @Override
    public String toString() {
        return "Settings[webSocketUrl=" + webSocketUrl + ", httpBaseUrl=" + httpBaseUrl + ", token=***, authMethod="
                + authMethod + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", autoReconnect=" + autoReconnect + ", reconnectPolicy=" + reconnectPolicy
                + ", latestStateOnConnect=" + latestStateOnConnect + "]";
    }
}
