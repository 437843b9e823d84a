package dev.neuroinfo.ws.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.TwoNodes;
import dev.neuroinfo.ws.server.limits.ConnectionSlots;
import dev.neuroinfo.ws.server.limits.ConnectionSlotsContract;
import dev.neuroinfo.ws.server.limits.SlotLease;
import dev.neuroinfo.ws.wire.Teardown;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster's connection slots: the contract, two nodes on one real Redis, and the leases of a
 * node that stops renewing them (it died) expiring while a live node's stay.
 */
class RedisConnectionSlotsTest extends ConnectionSlotsContract {
    @RegisterExtension
    static final RedisNodes REDIS = new RedisNodes();

    private final List<RedisConnectionSlots> opened = new ArrayList<>();
    private final List<ScheduledExecutorService> timers = new ArrayList<>();

    @Override
    protected TwoNodes<ConnectionSlots> slots(int limit) {
        return REDIS.each((link, node) -> node(link, limit, node));
    }

    private RedisConnectionSlots node(RedisLink link, int limit, String id) {
        return node(link, limit, id, Executors.newSingleThreadScheduledExecutor());
    }

    private RedisConnectionSlots node(RedisLink link, int limit, String id, ScheduledExecutorService timer) {
        timers.add(timer);
        RedisConnectionSlots slots = new RedisConnectionSlots(link, limit, id, timer);
        opened.add(slots);
        return slots;
    }

    @AfterEach
    void stopNodes() throws Exception {
        timers.forEach(ScheduledExecutorService::shutdownNow);
        Teardown.closeAll(opened);
    }

    @Test
    void aSilentNodesLeasesExpireWhileALiveNodesStay() throws Exception {
        ScheduledExecutorService dyingTimer = Executors.newSingleThreadScheduledExecutor();
        RedisConnectionSlots dying = node(REDIS.links().first(), 5, "node-dying", dyingTimer);
        RedisConnectionSlots alive = node(REDIS.links().second(), 5, "node-alive");
        for (int i = 0; i < 3; i++) {
            dying.acquire("ivan").orElseThrow();
        }
        SlotLease kept = alive.acquire("ivan").orElseThrow();
        long unrenewedExpiry = System.nanoTime() + RedisConnectionSlots.LEASE.plus(RedisConnectionSlots.HEARTBEAT).toNanos();
        dyingTimer.shutdownNow();
        Await.until("the silent node's leases to expire", RedisConnectionSlots.LEASE.multipliedBy(2),
                () -> alive.held("ivan") == 1);
        Await.until("the time the live lease would have expired without renewal", RedisConnectionSlots.LEASE.multipliedBy(2),
                () -> System.nanoTime() - unrenewedExpiry > 0);
        assertEquals(1, alive.held("ivan"), "the live node's heartbeat keeps its lease");
        kept.release();
        Await.until("the released lease to be gone", Duration.ofSeconds(10), () -> alive.held("ivan") == 0);
    }
}
