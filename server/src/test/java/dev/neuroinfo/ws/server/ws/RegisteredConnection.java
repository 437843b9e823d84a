package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.limits.SlotLease;
import dev.neuroinfo.ws.server.limits.TokenBucket;
import dev.neuroinfo.ws.server.metrics.AuthMethod;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A connection open in a {@link ConnectionRegistry} as the endpoint would register it, without a
 * socket: its session only records how the server closed it, and its end takes it out of the
 * registry again. For tests of what acts on open connections from outside (revocation).
 */
public final class RegisteredConnection {
    private final AtomicReference<CloseReason> closed = new AtomicReference<>();
    private final ClientConnection connection;

    private RegisteredConnection(ConnectionRegistry registry, Admission admission) {
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && args != null) {
                        closed.compareAndSet(null, (CloseReason) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        AtomicReference<ClientConnection> self = new AtomicReference<>();
        connection = new ClientConnection(session, "session", admission, 16, new TokenBucket(10, 10),
                () -> registry.closed(self.get()), Runnable::run);
        self.set(connection);
        admission.opened(connection);
        registry.opened(connection);
    }

    /** A connection authenticated by {@code grant}, open in {@code registry}. */
    public static RegisteredConnection authenticated(ConnectionRegistry registry, Grant grant) {
        return new RegisteredConnection(registry,
                Admission.authenticated(grant, SlotLease.NONE, AuthMethod.TICKET, "127.0.0.1"));
    }

    /** A connection waiting for in-band authentication, open in {@code registry}. */
    public static RegisteredConnection pendingAuthentication(ConnectionRegistry registry) {
        return new RegisteredConnection(registry, Admission.pendingAuthentication("127.0.0.1"));
    }

    /** How the server closed it, or null while it is open. */
    public CloseReason closed() {
        return closed.get();
    }
}
