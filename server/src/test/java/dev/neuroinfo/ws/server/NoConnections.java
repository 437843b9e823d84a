package dev.neuroinfo.ws.server;

/** A node without connections, for tests of what takes a {@link ConnectionControl} but never acts on one. */
public final class NoConnections implements ConnectionControl {
    /** The one instance. */
    public static final ConnectionControl NONE = new NoConnections();

    private NoConnections() {
    }

    @Override
    public void closeConnectionsOfToken(String tokenId, int closeCode, String reason) {
    }

    @Override
    public int openConnections() {
        return 0;
    }
}
