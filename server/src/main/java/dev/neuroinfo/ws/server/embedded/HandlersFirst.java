package dev.neuroinfo.ws.server.embedded;

import java.io.IOException;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Starts a Grizzly {@link HttpServer} with its listeners opened only once its handlers are in
 * place. Grizzly's own start opens the listeners first and maps the handlers after, and a request
 * in between, from a client reconnecting the moment a restarted server opens its port, was
 * answered 404 by the empty handler chain: a ticket endpoint that is not there, on which the
 * client gave up reconnecting.
 */
final class HandlersFirst {
    private HandlersFirst() {
    }

    /**
     * Starts {@code http}, then opens each of its listeners.
     *
     * @throws IOException if a listener could not be opened (Grizzly logs why)
     */
    static void start(HttpServer http) throws IOException {
        List<NetworkListener> listeners = List.copyOf(http.getListeners());
        listeners.forEach(listener -> http.removeListener(listener.getName()));
        http.start();
        for (NetworkListener listener : listeners) {
            // a listener added to a running server is configured and started at once, with the handlers in place
            http.addListener(listener);
            if (!listener.isStarted()) {
                throw new IOException("port " + listener.getPort() + " could not be opened; see the log");
            }
        }
    }
}
