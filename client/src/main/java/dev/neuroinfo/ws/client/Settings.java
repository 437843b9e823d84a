package dev.neuroinfo.ws.client;

import java.net.URI;
import java.time.Duration;

/**
 * A client's configuration, fixed when it is built. The token is not part of it: it may change
 * ({@link NeuroInfoClient#setToken}). {@code httpBaseUrl} is null unless the auth method is
 * {@link AuthMethod#TICKET} or it was set; {@code positionStore} is null unless set.
 */
record Settings(URI webSocketUrl, URI httpBaseUrl, AuthMethod authMethod, Duration connectTimeout,
        Duration requestTimeout, boolean autoReconnect, boolean retryInitialConnect, ReconnectPolicy reconnectPolicy,
        boolean latestStateOnConnect, PositionStore positionStore) {
}
