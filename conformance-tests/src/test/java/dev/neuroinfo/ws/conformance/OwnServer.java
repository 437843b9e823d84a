package dev.neuroinfo.ws.conformance;

import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.Fault;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

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
    private final SuiteConfig suite;

    private OwnServer(EmbeddedServer server, SuiteConfig suite) {
        this.server = server;
        this.suite = suite;
    }

    static OwnServer start(Path dataDir, boolean inbandAuth, Set<Fault> faults) throws IOException {
        return start(dataDir, inbandAuth, faults, RecoverySettings.OFF);
    }

    /** As {@link #start(Path, boolean, Set)}, with the recovery extension as given. */
    static OwnServer start(Path dataDir, boolean inbandAuth, Set<Fault> faults, RecoverySettings recovery)
            throws IOException {
        EmbeddedServer server = EmbeddedServer.start(ServerConfig.defaults()
                .withRecovery(recovery)
                .withPorts(0, 0)
                .withDataDir(dataDir)
                .withKeepalive(PING, IDLE)
                .withTicketTtl(TICKET_TTL)
                .withInbandAuth(inbandAuth)
                .withInbandAuthTimeout(INBAND_DEADLINE)
                .withFaults(faults));
        SuiteConfig suite = SuiteConfig.of(server.httpUri(), server.webSocketUri(),
                        server.createToken("conformance-t1", TokenKind.API, false).secret())
                .withToken2(server.createToken("conformance-t2", TokenKind.API, false).secret())
                .withUnlimitedToken(server.createToken("conformance-unlimited", TokenKind.API, true).secret())
                .withAdminToken(server.createToken("conformance-admin", TokenKind.ADMIN, false).secret())
                .withRateLimitToken(server.createToken("conformance-rate", TokenKind.API, false).secret())
                .withInbandAuth(inbandAuth)
                .withTimings(PING, IDLE, TICKET_TTL, INBAND_DEADLINE);
        return new OwnServer(server, suite);
    }

    SuiteConfig suite() {
        return suite;
    }

    @Override
    public void close() {
        server.close();
    }
}
