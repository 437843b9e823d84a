package dev.neuroinfo.ws.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.ws.ConnectionRegistry;
import dev.neuroinfo.ws.server.ws.RegisteredConnection;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConnectionControl} does, as revocation (ADM-4..ADM-6) relies on it, run
 * against each implementation by a subclass: a token's connections are closed on every node, with
 * the code and reason given, whichever node revokes it; nothing else is touched. Connections live
 * in each node's own registry; another node may act a little later (in a cluster the request
 * travels through Redis), so the tests wait for it with a bound.
 */
public abstract class ConnectionControlContract extends TwoNodeContract<ConnectionControlContract.Node> {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final CloseReasons REVOKED = CloseReasons.TOKEN_REVOKED;

    /**
     * One node of a deployment.
     *
     * @param control  what the node's HTTP side is given to act on connections
     * @param registry where the node's connections are open
     */
    public record Node(ConnectionControl control, ConnectionRegistry registry) {
    }

    private static Grant grant(String tokenId) {
        return new Grant(tokenId, "user of " + tokenId, false);
    }

    private static void revoke(Node node, String tokenId) {
        node.control().closeConnectionsOfToken(tokenId, REVOKED.code(), REVOKED.text());
    }

    private static void awaitClosed(RegisteredConnection connection) throws InterruptedException {
        Await.until("the connection to be closed", WAIT, () -> connection.closed() != null);
    }

    private static void assertClosedWith(int code, String reason, RegisteredConnection connection) {
        CloseReason closed = connection.closed();
        assertEquals(code, closed.getCloseCode().getCode());
        assertEquals(reason, closed.getReasonPhrase());
    }

    @Test
    void aTokensConnectionsAreClosedOnEveryNodeAndNoOtherConnection() throws Exception {
        RegisteredConnection here = RegisteredConnection.authenticated(a.registry(), grant("t1"));
        RegisteredConnection there = RegisteredConnection.authenticated(b.registry(), grant("t1"));
        RegisteredConnection otherToken = RegisteredConnection.authenticated(a.registry(), grant("t2"));
        RegisteredConnection otherTokenThere = RegisteredConnection.authenticated(b.registry(), grant("t2"));
        RegisteredConnection unauthenticated = RegisteredConnection.pendingAuthentication(b.registry());

        revoke(a, "t1");

        awaitClosed(here);
        awaitClosed(there);
        assertClosedWith(REVOKED.code(), REVOKED.text(), here);
        assertClosedWith(REVOKED.code(), REVOKED.text(), there);
        assertNull(otherToken.closed());
        assertNull(otherTokenThere.closed());
        assertNull(unauthenticated.closed(), "a connection still to authenticate has no token");
    }

    @Test
    void eitherNodeMayRevoke() throws Exception {
        RegisteredConnection onFirst = RegisteredConnection.authenticated(a.registry(), grant("t1"));

        revoke(b, "t1");

        awaitClosed(onFirst);
        assertClosedWith(REVOKED.code(), REVOKED.text(), onFirst);
    }

    @Test
    void aConnectionIsClosedOnceWithTheFirstReasonAndATokenWithoutConnectionsIsNoError() throws Exception {
        RegisteredConnection connection = RegisteredConnection.authenticated(b.registry(), grant("t1"));
        revoke(a, "nobody's");
        a.control().closeConnectionsOfToken("t1", 4000, "first");
        awaitClosed(connection);

        a.control().closeConnectionsOfToken("t1", 4001, "second");
        // a later revocation closing marks that every request before it was acted on, in order
        RegisteredConnection marker = RegisteredConnection.authenticated(b.registry(), grant("t3"));
        revoke(a, "t3");
        awaitClosed(marker);

        assertClosedWith(4000, "first", connection);
    }

    @Test
    void openConnectionsCountsTheNodesOpenConnections() throws Exception {
        assertEquals(0, a.control().openConnections());
        RegisteredConnection.authenticated(a.registry(), grant("t1"));
        RegisteredConnection kept = RegisteredConnection.authenticated(a.registry(), grant("t2"));
        RegisteredConnection.pendingAuthentication(a.registry());
        assertEquals(3, a.control().openConnections());

        revoke(a, "t1");

        assertEquals(2, a.control().openConnections(), "a closed connection is no longer counted");
        assertNull(kept.closed());
    }
}
