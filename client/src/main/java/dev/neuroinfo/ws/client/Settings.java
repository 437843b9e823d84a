package dev.neuroinfo.ws.client;

import java.net.URI;
import java.time.Duration;

/** A client's configuration, fixed when it is built. {@code toString} hides the token. */
record Settings(URI webSocketUrl, URI httpBaseUrl, String token, AuthMethod authMethod, Duration connectTimeout,
        Duration requestTimeout, boolean autoReconnect, ReconnectPolicy reconnectPolicy) {

    @Override
    public String toString() {
        return "Settings[webSocketUrl=" + webSocketUrl + ", httpBaseUrl=" + httpBaseUrl + ", token=***, authMethod="
                + authMethod + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", autoReconnect=" + autoReconnect + ", reconnectPolicy=" + reconnectPolicy + "]";
    }

    /**
     * The HTTP API's base for a WebSocket URL by the API's port convention: the WebSocket server
     * listens on the port after the HTTP API's, so {@code ws://h:8081/api/ws} gives
     * {@code http://h:8080}. Without an explicit port (a proxy or servlet container serving both
     * on one port) the HTTP API is on the same origin.
     */
    static URI deriveHttpBase(URI webSocketUrl) {
        String scheme = "wss".equalsIgnoreCase(webSocketUrl.getScheme()) ? "https" : "http";
        String host = webSocketUrl.getRawAuthority();
        int port = webSocketUrl.getPort();
        if (port > 0) {
            String hostOnly = webSocketUrl.getHost();
            hostOnly = hostOnly.contains(":") && !hostOnly.startsWith("[") ? "[" + hostOnly + "]" : hostOnly;
            host = hostOnly + ":" + (port - 1);
        }
        return URI.create(scheme + "://" + host);
    }
}
