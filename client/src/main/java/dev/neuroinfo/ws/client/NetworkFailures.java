package dev.neuroinfo.ws.client;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * Says in words what a network failure was. The JDK's HTTP client reports a refused connection
 * as a {@code ConnectException} without a message around a {@code ClosedChannelException}, and an
 * unknown host as a {@code ConnectException} around an {@code UnresolvedAddressException}; the
 * cause chain, not the top exception, tells what happened.
 */
final class NetworkFailures {
    private NetworkFailures() {
    }

    /** E.g. {@code connection refused by 127.0.0.1:8081}, {@code unknown host nowhere.example}. */
    static String describe(Throwable failure, URI target) {
        String where = hostAndPort(target);
        if (has(failure, UnresolvedAddressException.class) || has(failure, UnknownHostException.class)) {
            return "unknown host " + target.getHost();
        }
        if (has(failure, HttpConnectTimeoutException.class)) {
            return "connecting to " + where + " timed out";
        }
        if (has(failure, HttpTimeoutException.class)) {
            return "no answer from " + where + " in time";
        }
        if (has(failure, ConnectException.class)) {
            String text = messages(failure);
            return has(failure, ClosedChannelException.class) || text.contains("refused")
                    ? "connection refused by " + where
                    : "cannot connect to " + where + (text.isEmpty() ? "" : ": " + text);
        }
        if (has(failure, SSLException.class)) {
            return "TLS with " + where + " failed: " + messages(failure);
        }
        if (has(failure, EOFException.class) || has(failure, ClosedChannelException.class)) {
            return where + " closed the connection";
        }
        String text = messages(failure);
        return "I/O error with " + where + ": " + failure.getClass().getSimpleName() + (text.isEmpty() ? "" : " " + text);
    }

    /** {@code host:port}, the scheme's default port when the URI names none. */
    static String hostAndPort(URI target) {
        int port = target.getPort();
        if (port < 0) {
            String scheme = target.getScheme() == null ? "" : target.getScheme();
            port = scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("wss") ? 443 : 80;
        }
        return target.getHost() + ":" + port;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The distinct messages along the cause chain, e.g. {@code Connection reset}. */
    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0
                    && !message.startsWith(t.getCause() == null ? "\0" : t.getCause().getClass().getName())) {
                text.append(text.length() == 0 ? "" : "; ").append(message);
            }
        }
        return text.toString();
    }
}
