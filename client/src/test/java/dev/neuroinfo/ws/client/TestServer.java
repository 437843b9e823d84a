package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A real server on free ports for one test, restartable on the same ports and data. */
final class TestServer implements AutoCloseable {
    private final ServerConfig config;
    private EmbeddedServer server;

    private TestServer(ServerConfig config, EmbeddedServer server) {
        this.config = config;
        this.server = server;
    }

    static TestServer start(Path dataDir) {
        return start(dataDir, UnaryOperator.identity());
    }

    static TestServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> tweak) {
        ServerConfig config = tweak.apply(ServerConfig.builder().ports(0, 0).dataDir(dataDir)).build();
        try {
            EmbeddedServer server = EmbeddedServer.start(config);
            int http = server.httpUri().getPort();
            return new TestServer(config.toBuilder().ports(http, http + 1).build(), server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A client builder for this server. The embedded server serves its HTTP API on another port
     * than its WebSocket endpoint, so the HTTP base is named, as its users must.
     */
    NeuroInfoClientBuilder clientBuilder() {
        return NeuroInfoClient.builder().webSocketUrl(webSocketUri()).httpBaseUrl(httpUri());
    }

    URI webSocketUri() {
        return server.webSocketUri();
    }

    URI httpUri() {
        return server.httpUri();
    }

    /** An unlimited API token. */
    IssuedToken token() {
        return server.createToken("tester", TokenKind.API, true);
    }

    /** A token under the per-user connection limit. */
    IssuedToken limitedToken(String user) {
        return server.createToken(user, TokenKind.API, false);
    }

    long publish(EventType type, EventPayload payload) {
        return server.publish(type, payload);
    }

    /** Revokes a token as the admin API does: store first, then its open connections with 1008. */
    void revoke(IssuedToken token) throws StoreException {
        server.services().tokens().revoke(token.record().id());
        server.services().connections().closeConnectionsOfToken(token.record().id(), 1008, "token revoked");
    }

    /** Closes every connection of a token from the server side. */
    void closeConnectionsOf(IssuedToken token, int code) {
        server.services().connections().closeConnectionsOfToken(token.record().id(), code, "closed by test");
    }

    int openConnections() {
        return server.services().connections().openConnections();
    }

    void stop() {
        server.close();
    }

    /** Starts again on the same ports and data directory (tokens survive). */
    void restart() {
        try {
            server = EmbeddedServer.start(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
