package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node killed with SIGKILL gives its users' connection slots back within the lease time. */
class NodeFailureTest {
    @TempDir
    Path dir;

    @Test
    void aKilledNodesSlotsAreFreeAgainWithinTheLease() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
             EmbeddedServer survivor = EmbeddedServer.start(ServerConfig.builder().ports(0, 0)
                     .dataDir(dir.resolve("survivor")).redisUri(redis.uri()).build());
             NodeProcess doomed = NodeProcess.start(dir.resolve("doomed"), redis.uri())) {
            String token = survivor.createToken("victim", TokenKind.API, false).secret();
            List<Wire.Session> onDoomed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                onDoomed.add(Wire.connect(doomed.webSocketUri(), token));
            }
            assertEquals(HandshakeError.CONNECTION_LIMIT.status(),
                    Wire.handshake(survivor.webSocketUri(), null, token).status());

            doomed.kill();
            // The doomed node's last renewal may have happened just before the kill.
            Duration bound = RedisConnectionSlots.LEASE.plus(Duration.ofSeconds(3));
            Await.until("the killed node's slots to expire", bound, () -> survivor.services().slots().held("victim") == 0);

            List<Wire.Session> onSurvivor = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    onSurvivor.add(Wire.connect(survivor.webSocketUri(), token));
                }
                assertEquals(HandshakeError.CONNECTION_LIMIT.status(),
                        Wire.handshake(survivor.webSocketUri(), null, token).status());
            } finally {
                onSurvivor.forEach(Wire.Session::close);
            }
        }
    }
}
