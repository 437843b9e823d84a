package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.server.ws.ConnectionRegistry;
import io.lettuce.core.ScriptOutputType;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes, every {@link #PERIOD}, this node's connections whose token is no longer in Redis. A
 * revocation reaches every node through the event stream at once; this sweep catches what a lost
 * stream entry would leave open: the revoking node could not append it (Redis failed between the
 * revocation and the entry), or this node's feed fell so far behind that the capped stream dropped
 * it. One script call per {@link #BATCH} distinct tokens in use on this node; nothing when none.
 */
final class RevocationSweep {
    /** The longest a connection of a revoked token stays open when its close message was lost. */
    static final Duration PERIOD = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(RevocationSweep.class.getName());
    private static final int BATCH = 500;

    /** KEYS: token keys; ARGV[i]: the id of KEYS[i]. Answers the ids whose key is gone. */
    private static final LuaScript GONE = new LuaScript("""
            local gone = {}
            for i, key in ipairs(KEYS) do
                if redis.call('EXISTS', key) == 0 then table.insert(gone, ARGV[i]) end
            end
            return gone
            """, ScriptOutputType.MULTI);

    private final RedisLink redis;
    private final ConnectionRegistry local;
    private final ScheduledExecutorService timer;

    RevocationSweep(RedisLink redis, ConnectionRegistry local, ScheduledExecutorService timer) {
        this.redis = redis;
        this.local = local;
        this.timer = timer;
        long period = PERIOD.toMillis();
        timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        List<String> ids = new ArrayList<>(local.tokenIds());
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            String[] keys = batch.stream().map(RedisKeys::token).toArray(String[]::new);
            try {
                redis.async().<List<Object>>eval(GONE.source(), GONE.output(), keys, batch.toArray(String[]::new))
                        .whenComplete((gone, failure) -> {
                            if (failure != null) {
                                LOG.log(Level.DEBUG, "revocation sweep deferred: " + failure.getMessage());
                            } else if (!gone.isEmpty()) {
                                // not on Redis's I/O thread: closing a connection writes to its socket
                                timer.execute(() -> close(gone));
                            }
                        });
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "revocation sweep deferred: " + e.getMessage());
            }
        }
    }

    private void close(List<Object> gone) {
        for (Object id : gone) {
            LOG.log(Level.INFO, "closing the connections of token " + id + ", revoked without this node being told");
            local.closeConnectionsOfToken(String.valueOf(id), CloseReasons.TOKEN_REVOKED.code(),
                    CloseReasons.TOKEN_REVOKED.text());
        }
    }
}
