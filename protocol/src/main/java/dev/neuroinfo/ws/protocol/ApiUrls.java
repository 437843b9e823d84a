package dev.neuroinfo.ws.protocol;

import java.net.URI;
import java.util.Locale;

/**
 * Where a server's endpoints are, relative to each other: the one statement of the rule that the
 * Java client, the conformance suite and docs/client.md follow.
 *
 * <p>Every endpoint hangs off the HTTP API's <em>base URL</em>: scheme {@code http} or
 * {@code https}, host, port, and an optional context path (a WAR deployed at {@code /ctx}). The
 * WebSocket endpoint is {@code {base}/api/ws} with {@code ws}/{@code wss}, the ticket endpoint
 * {@code {base}/api/ws/ticket}. Two deployments place the WebSocket endpoint differently:
 * <ul>
 * <li><b>One origin</b> (a reverse proxy, a servlet container): the WebSocket endpoint has the
 * base's host, port and context path. {@code wss://h/api/ws} has the base {@code https://h},
 * {@code ws://h:9000/ctx/api/ws} has {@code http://h:9000/ctx}. A port left out (the scheme's
 * default) stays left out; a port written stays as written. {@link #httpBaseOf} and
 * {@link #webSocketUrlOf} follow this rule.
 * <li><b>Two ports</b> (the embedded launcher): the WebSocket server listens on the port after
 * the HTTP API's ({@code http://h:8080} has {@code ws://h:8081/api/ws}), as the API's seed
 * says. This cannot be read back from a WebSocket URL alone (a port 8081 may as well be one
 * origin), so nothing guesses it from one: {@link #twoPortWebSocketUrlOf} derives it from the
 * HTTP base, and a client of such a server names its HTTP base explicitly.
 * </ul>
 */
public final class ApiUrls {
    /** The WebSocket endpoint's path below the base. */
    public static final String WEBSOCKET_PATH = "/api/ws";
    /** The ticket endpoint's path below the base. */
    public static final String TICKET_PATH = WEBSOCKET_PATH + "/ticket";

    private ApiUrls() {
    }

    /**
     * The HTTP base of a one-origin deployment: {@code ws} becomes {@code http}, {@code wss}
     * {@code https}, host and port as written, the path without its trailing {@code /api/ws}.
     *
     * @throws IllegalArgumentException when the URL is not {@code ws(s)://host/.../api/ws}
     */
    public static URI httpBaseOf(URI webSocketUrl) {
        requireWebSocketUrl(webSocketUrl);
        String path = webSocketUrl.getRawPath() == null ? "" : webSocketUrl.getRawPath();
        if (!path.endsWith(WEBSOCKET_PATH)) {
            throw new IllegalArgumentException("the path of " + withoutQuery(webSocketUrl) + " does not end in "
                    + WEBSOCKET_PATH + ", so the HTTP API's base cannot be derived from it; name it explicitly");
        }
        String scheme = isSecure(webSocketUrl.getScheme()) ? "https" : "http";
        String context = path.substring(0, path.length() - WEBSOCKET_PATH.length());
        return URI.create(scheme + "://" + webSocketUrl.getRawAuthority() + context);
    }

    /** The WebSocket endpoint of a one-origin deployment: the inverse of {@link #httpBaseOf}. */
    public static URI webSocketUrlOf(URI httpBase) {
        requireHttpBase(httpBase);
        String scheme = isSecure(httpBase.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + httpBase.getRawAuthority() + contextPath(httpBase) + WEBSOCKET_PATH);
    }

    /**
     * The WebSocket endpoint of a two-port deployment: the HTTP port (or the scheme's default)
     * plus one, path {@code /api/ws}.
     */
    public static URI twoPortWebSocketUrlOf(URI httpBase) {
        requireHttpBase(httpBase);
        boolean secure = isSecure(httpBase.getScheme());
        int port = httpBase.getPort() >= 0 ? httpBase.getPort() : (secure ? 443 : 80);
        String host = httpBase.getHost().contains(":") && !httpBase.getHost().startsWith("[")
                ? "[" + httpBase.getHost() + "]" : httpBase.getHost();
        return URI.create((secure ? "wss" : "ws") + "://" + host + ":" + (port + 1) + WEBSOCKET_PATH);
    }

    /** The ticket endpoint below an HTTP base. */
    public static URI ticketUrl(URI httpBase) {
        requireHttpBase(httpBase);
        return URI.create(httpBase.getScheme().toLowerCase(Locale.ROOT) + "://" + httpBase.getRawAuthority()
                + contextPath(httpBase) + TICKET_PATH);
    }

    /**
     * Checks an HTTP base: {@code http(s)://host[:port][/context]}, no query or fragment.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static URI requireHttpBase(URI httpBase) {
        if (httpBase == null) {
            throw new IllegalArgumentException("the HTTP base URL is missing");
        }
        String scheme = httpBase.getScheme() == null ? "" : httpBase.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || httpBase.getHost() == null) {
            throw new IllegalArgumentException("an HTTP base URL must be http(s)://host[:port][/context], was "
                    + httpBase);
        }
        if (httpBase.getRawQuery() != null || httpBase.getRawFragment() != null) {
            throw new IllegalArgumentException("an HTTP base URL takes no query or fragment, was " + httpBase);
        }
        return httpBase;
    }

    /**
     * Checks a WebSocket URL: {@code ws(s)://host[:port]/path}, no fragment (RFC 6455 forbids one).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static URI requireWebSocketUrl(URI webSocketUrl) {
        if (webSocketUrl == null) {
            throw new IllegalArgumentException("the WebSocket URL is missing");
        }
        String scheme = webSocketUrl.getScheme() == null ? "" : webSocketUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || webSocketUrl.getHost() == null) {
            throw new IllegalArgumentException("a WebSocket URL must be ws://host[:port]/path or wss://..., was "
                    + withoutQuery(webSocketUrl));
        }
        if (webSocketUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URL takes no fragment, was " + withoutQuery(webSocketUrl));
        }
        return webSocketUrl;
    }

    private static boolean isSecure(String scheme) {
        return scheme.equalsIgnoreCase("wss") || scheme.equalsIgnoreCase("https");
    }

    /** The base's path without a trailing slash: {@code http://h/ctx/} and {@code http://h/ctx} are one base. */
    private static String contextPath(URI httpBase) {
        String path = httpBase.getRawPath() == null ? "" : httpBase.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** A URL fit for a message: a query may hold a ticket, a credential. */
    private static String withoutQuery(URI url) {
        String text = url.toString();
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query) + "?...";
    }
}
