package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.limits.SlotLease;
import dev.neuroinfo.ws.server.metrics.AuthMethod;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A handshake the gate let through: who it is (or nobody yet, for in-band authentication) and the
 * connection slot it holds. Release is idempotent so the container's close hook and the
 * endpoint's close callback may both call it.
 */
public final class Admission {
    private final AtomicReference<Grant> grant;
    private final AtomicReference<SlotLease> lease;
    private final AtomicBoolean released = new AtomicBoolean();
    private final String clientAddress;
    private volatile AuthMethod method;
    private volatile FrameChannel channel;
    private boolean opened; // guarded by this, against a concurrent abandonUnlessOpened
    private volatile Runnable onAuthenticated;
    private volatile ClientConnection connection;

    private Admission(Grant grant, SlotLease lease, AuthMethod method, String clientAddress) {
        this.grant = new AtomicReference<>(grant);
        this.lease = new AtomicReference<>(lease);
        this.method = method;
        this.clientAddress = clientAddress;
    }

    /** A handshake that authenticated with a credential and holds a slot. */
    static Admission authenticated(Grant grant, SlotLease lease, AuthMethod method, String clientAddress) {
        return new Admission(grant, lease, method, clientAddress);
    }

    /** A credential-less handshake in in-band mode: no grant, no slot yet. */
    static Admission pendingAuthentication(String clientAddress) {
        return new Admission(null, SlotLease.NONE, AuthMethod.PENDING, clientAddress);
    }

    /** How the connection authenticated, {@link AuthMethod#PENDING} until in-band auth succeeds. */
    AuthMethod method() {
        return method;
    }

    /** The client's address as the gate saw it (see {@code ClientAddress}), or null if unknown. */
    String clientAddress() {
        return clientAddress;
    }

    /** The grant, or null while in-band authentication is pending. */
    public Grant grant() {
        return grant.get();
    }

    /** Completes in-band authentication; false when the connection already ended. */
    boolean authenticate(Grant newGrant, SlotLease newLease) {
        lease.set(newLease);
        grant.set(newGrant);
        method = AuthMethod.INBAND;
        if (released.get()) {
            newLease.release();
            return false;
        }
        Runnable listener = onAuthenticated;
        if (listener != null) {
            listener.run();
        }
        return true;
    }

    /**
     * Runs an action once the connection is authenticated: at once for a handshake with a
     * credential, after a successful {@code auth} in in-band mode, never if it ends before.
     */
    public void whenAuthenticated(Runnable action) {
        onAuthenticated = action;
        if (grant.get() != null) {
            action.run();
        }
    }

    /** Offers the container's direct path for encoded frames to the connection this admits. */
    public void attachChannel(FrameChannel frameChannel) {
        this.channel = frameChannel;
    }

    /** The container's direct path for encoded frames, or null to send through the standard API. */
    FrameChannel channel() {
        return channel;
    }

    /** Notes that the connection this admits opened; false when its handshake was abandoned first. */
    synchronized boolean open() {
        if (released.get()) {
            return false;
        }
        opened = true;
        return true;
    }

    /** Frees the slot of an upgraded handshake whose connection never opened; does nothing once it has. */
    synchronized void abandonUnlessOpened() {
        if (!opened) {
            release();
        }
    }

    /** Notes the connection this admission became, once the endpoint has it. */
    void opened(ClientConnection opened) {
        connection = opened;
    }

    /**
     * Closes the connection for one of the server's reasons through the endpoint, as every other
     * close goes (the close frame, the log line); false while the endpoint does not have it yet.
     */
    public boolean close(CloseReasons why) {
        ClientConnection current = connection;
        if (current == null) {
            return false;
        }
        current.close(why);
        return true;
    }

    /** Frees the slot, once. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            lease.get().release();
        }
    }
}
