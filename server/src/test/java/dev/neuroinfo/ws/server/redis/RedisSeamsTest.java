package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.SecretFormat;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenRecord;
import dev.neuroinfo.ws.server.limits.SlotLease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each Redis seam as two nodes see it: two links to one real Redis stand for two nodes, so every
 * answer one gives must hold for the other.
 */
class RedisSeamsTest {
    @TempDir
    static Path dir;
    static RedisProcess redis;
    static RedisLink nodeA;
    static RedisLink nodeB;
    static ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisProcess.start(dir.resolve("redis"));
        nodeA = RedisLink.connect(redis.uri(), new ServerMetrics());
        nodeB = RedisLink.connect(redis.uri(), new ServerMetrics());
    }

    @AfterAll
    static void stop() throws Exception {
        timer.shutdownNow();
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    @Test
    void aTokenMadeOnOneNodeIsKnownToTheOtherUntilRevoked() throws Exception {
        RedisTokenStore a = new RedisTokenStore(nodeA);
        RedisTokenStore b = new RedisTokenStore(nodeB);
        IssuedToken api = a.create("alice", TokenKind.API, true);
        IssuedToken admin = a.create("root", TokenKind.ADMIN, false);
        assertTrue(api.secret().startsWith(SecretFormat.API_PREFIX));
        assertTrue(admin.secret().startsWith(SecretFormat.ADMIN_PREFIX));

        assertEquals(Optional.of(api.record()), b.verify(api.secret(), TokenKind.API));
        assertEquals(Optional.empty(), b.verify(api.secret(), TokenKind.ADMIN), "kinds never mix");
        assertEquals(Optional.empty(), b.verify(api.secret() + "x", TokenKind.API));
        List<TokenRecord> listed = b.list();
        assertTrue(listed.contains(api.record()) && listed.contains(admin.record()), listed.toString());
        assertTrue(b.isLive(api.record().id()));

        assertTrue(b.revoke(api.record().id()));
        assertFalse(a.revoke(api.record().id()), "already revoked");
        assertEquals(Optional.empty(), a.verify(api.secret(), TokenKind.API));
        assertFalse(a.isLive(api.record().id()));
    }

    @Test
    void redisHoldsOnlyHashesOfSecrets() throws Exception {
        IssuedToken token = new RedisTokenStore(nodeA).create("carol", TokenKind.API, false);
        String ticket = new RedisTicketStore(nodeA).issue(Grant.of(token.record()), Duration.ofSeconds(30));
        List<String> keys = nodeA.sync().keys(RedisKeys.PREFIX + "*");
        for (String key : keys) {
            String value = switch (nodeA.sync().type(key)) {
                case "string" -> nodeA.sync().get(key);
                case "hash" -> nodeA.sync().hgetall(key).toString();
                default -> "";
            };
            assertFalse(key.contains(token.secret()) || value.contains(token.secret()), key);
            assertFalse(key.contains(ticket) || value.contains(ticket), key);
        }
    }

    @Test
    void aTicketIsRedeemedOnceWhicheverNodesTry() throws Exception {
        RedisTicketStore a = new RedisTicketStore(nodeA);
        RedisTicketStore b = new RedisTicketStore(nodeB);
        Grant grant = new Grant("t_0001", "dave\nwith a newline", false);
        for (int round = 0; round < 5; round++) {
            String ticket = a.issue(grant, Duration.ofSeconds(30));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<Grant>>> tries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RedisTicketStore store = i % 2 == 0 ? a : b;
                tries.add(pool.submit((Callable<Optional<Grant>>) () -> {
                    go.await();
                    return store.redeem(ticket);
                }));
            }
            go.countDown();
            List<Grant> won = new ArrayList<>();
            for (Future<Optional<Grant>> t : tries) {
                t.get().ifPresent(won::add);
            }
            pool.shutdown();
            assertEquals(List.of(grant), won);
        }
    }

    @Test
    void ticketsExpireAndDieWithTheirToken() throws Exception {
        RedisTicketStore a = new RedisTicketStore(nodeA);
        RedisTicketStore b = new RedisTicketStore(nodeB);
        String shortLived = a.issue(new Grant("t_0002", "erin", false), Duration.ofMillis(50));
        Await.until("the ticket to expire", Wire.WAIT,
                () -> nodeA.sync().exists(RedisKeys.ticket(SecretFormat.hashHex(shortLived))) == 0);
        assertEquals(Optional.empty(), b.redeem(shortLived));

        Grant grant = new Grant("t_0003", "frank", false);
        String first = a.issue(grant, Duration.ofSeconds(30));
        String second = a.issue(grant, Duration.ofSeconds(30));
        String other = a.issue(new Grant("t_0004", "frank", false), Duration.ofSeconds(30));
        b.revokeAll("t_0003");
        assertEquals(Optional.empty(), a.redeem(first));
        assertEquals(Optional.empty(), a.redeem(second));
        assertTrue(a.redeem(other).isPresent(), "other tokens' tickets live on");
    }

    @Test
    void theConnectionLimitHoldsAcrossNodes() throws Exception {
        RedisConnectionSlots a = new RedisConnectionSlots(nodeA, 5, "node-a", timer);
        RedisConnectionSlots b = new RedisConnectionSlots(nodeB, 5, "node-b", timer);
        List<SlotLease> leases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leases.add((i % 2 == 0 ? a : b).acquire("grace").orElseThrow());
        }
        assertEquals(5, b.held("grace"));
        assertTrue(a.acquire("grace").isEmpty());
        assertTrue(b.acquire("grace").isEmpty());
        assertTrue(a.acquire("heidi").isPresent(), "users are counted apart");

        leases.get(1).release();
        leases.get(1).release();
        // a release reaches Redis asynchronously, so that it never holds a fan-out
        Await.until("the released slot to be free", Wire.WAIT, () -> a.held("grace") == 4);
        assertTrue(a.acquire("grace").isPresent());
        assertTrue(b.acquire("grace").isEmpty(), "a second release of one lease frees nothing more");
    }

    @Test
    void aSilentNodesLeasesExpire() throws Exception {
        ScheduledExecutorService deadTimer = Executors.newSingleThreadScheduledExecutor();
        RedisConnectionSlots dying = new RedisConnectionSlots(nodeA, 5, "node-dying", deadTimer);
        RedisConnectionSlots alive = new RedisConnectionSlots(nodeB, 5, "node-alive", timer);
        for (int i = 0; i < 3; i++) {
            dying.acquire("ivan").orElseThrow();
        }
        SlotLease kept = alive.acquire("ivan").orElseThrow();
        deadTimer.shutdownNow();
        Await.until("the silent node's leases to expire", RedisConnectionSlots.LEASE.multipliedBy(2),
                () -> alive.held("ivan") == 1);
        Thread.sleep(RedisConnectionSlots.HEARTBEAT.toMillis() * 2);
        assertEquals(1, alive.held("ivan"), "the live node's heartbeat keeps its lease");
        kept.release();
        Await.until("the released lease to be gone", Wire.WAIT, () -> alive.held("ivan") == 0);
    }

    @Test
    void theRateLimitIsCountedAcrossNodes() {
        RedisRateLimiter a = new RedisRateLimiter(nodeA, "test", 3, Duration.ofMinutes(1), "node-a");
        RedisRateLimiter b = new RedisRateLimiter(nodeB, "test", 3, Duration.ofMinutes(1), "node-b");
        assertEquals(0, a.tryAcquire("judy"));
        assertEquals(0, b.tryAcquire("judy"));
        assertEquals(0, a.tryAcquire("judy"));
        long retryAfter = b.tryAcquire("judy");
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(a.tryAcquire("judy") >= 1);
        assertEquals(0, b.tryAcquire("kim"), "keys are counted apart");
    }

    @Test
    void theRateLimitWindowSlides() throws Exception {
        RedisRateLimiter a = new RedisRateLimiter(nodeA, "slide", 2, Duration.ofSeconds(2), "node-a");
        assertEquals(0, a.tryAcquire("lee"));
        assertEquals(0, a.tryAcquire("lee"));
        long retryAfter = a.tryAcquire("lee");
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "whole seconds up to the 2 s window, as Retry-After: " + retryAfter);
        Await.until("the window to slide", Wire.WAIT, () -> a.tryAcquire("lee") == 0);
    }
}
