package dev.neuroinfo.ws.conformance;

import dev.neuroinfo.ws.server.StateBackends;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Our server on free ports with short keepalive, ticket and in-band timings, so that the suite's
 * waiting cases run in seconds; and a suite configuration with every credential for it.
 */
final class OwnServer implements AutoCloseable {
    static final Duration PING = Duration.ofMillis(500);
    static final Duration IDLE = Duration.ofSeconds(2);
    static final Duration TICKET_TTL = Duration.ofSeconds(2);
    static final Duration INBAND_DEADLINE = Duration.ofSeconds(2);

    private final EmbeddedServer server;
    private final WireProxy proxy;
    private final SuiteConfig suite;

    /**
     * How a test breaks the server it starts, to prove that the suite notices.
     *
     * @param settings changes to the configuration
     * @param backends    changes to the stores and the publisher
     * @param wire     rewriting on the WebSocket port's wire, or null to leave it alone
     */
    record Breakage(UnaryOperator<ServerConfig.Builder> settings, StateBackends.Override backends, WireProxy.Rewrite wire) {
        static final Breakage NONE = new Breakage(UnaryOperator.identity(), StateBackends.Override.NONE, null);
    }

    private OwnServer(EmbeddedServer server, WireProxy proxy, SuiteConfig suite) {
        this.server = server;
        this.proxy = proxy;
        this.suite = suite;
    }

    static OwnServer start(Path dataDir, boolean inbandAuth) throws IOException {
        return start(dataDir, inbandAuth, Breakage.NONE);
    }

    /** Our server broken as asked; with a wire rewrite the suite reaches the WebSocket port through a proxy. */
    static OwnServer start(Path dataDir, boolean inbandAuth, Breakage breakage) throws IOException {
        return start(dataDir, inbandAuth, breakage, RecoverySettings.OFF);
    }

    /** As {@link #start(Path, boolean, Breakage)}, with the recovery extension as given. */
    static OwnServer start(Path dataDir, boolean inbandAuth, Breakage breakage, RecoverySettings recovery)
            throws IOException {
        WireProxy proxy = breakage.wire() == null ? null : WireProxy.listen(breakage.wire());
        ServerConfig.Builder config = ServerConfig.builder()
                .recovery(recovery)
                .ports(0, 0)
                .dataDir(dataDir)
                .pingInterval(PING)
                .idleTimeout(IDLE)
                .ticketTtl(TICKET_TTL)
                .inbandAuth(inbandAuth)
                .inbandAuthTimeout(INBAND_DEADLINE);
        if (proxy != null) {
            // the ticket's usage text names the URL the suite connects to
            config.publicWebSocketUrl(proxy.uri("/api/ws").toString());
        }
        EmbeddedServer server;
        try {
            server = EmbeddedServer.start(breakage.settings().apply(config).build(), breakage.backends());
        } catch (IOException | RuntimeException e) {
            closeQuietly(proxy);
            throw e;
        }
        URI webSocket = server.webSocketUri();
        if (proxy != null) {
            proxy.forwardTo(webSocket);
            webSocket = proxy.uri(webSocket.getPath());
        }
        SuiteConfig suite = SuiteConfig.of(server.httpUri(), webSocket,
                        server.createToken("conformance-t1", TokenKind.API, false).secret())
                .withToken2(server.createToken("conformance-t2", TokenKind.API, false).secret())
                .withUnlimitedToken(server.createToken("conformance-unlimited", TokenKind.API, true).secret())
                .withAdminToken(server.createToken("conformance-admin", TokenKind.ADMIN, false).secret())
                .withRateLimitToken(server.createToken("conformance-rate", TokenKind.API, false).secret())
                .withInbandAuth(inbandAuth)
                .withTimings(PING, IDLE, TICKET_TTL, INBAND_DEADLINE);
        return new OwnServer(server, proxy, suite);
    }

    private static void closeQuietly(WireProxy proxy) {
        if (proxy != null) {
            try {
                proxy.close();
            } catch (IOException e) {
                // nothing listens any more either way
            }
        }
    }

    SuiteConfig suite() {
        return suite;
    }

    @Override
    public void close() {
        server.close();
        closeQuietly(proxy);
    }
}
