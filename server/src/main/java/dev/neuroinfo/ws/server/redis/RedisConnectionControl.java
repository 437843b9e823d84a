package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.ConnectionControl;
import io.lettuce.core.XAddArgs;
import java.lang.System.Logger.Level;

/**
 * Closes a revoked token's connections on every node: this node's at once, the others' through
 * a control entry in the event stream, which every node's {@link RedisEventFeed} acts on. Going
 * through the stream keeps revocation in order with the events around it.
 */
final class RedisConnectionControl implements ConnectionControl {
    private static final System.Logger LOG = System.getLogger(RedisConnectionControl.class.getName());

    private final RedisLink redis;
    private final ConnectionControl local;

    RedisConnectionControl(RedisLink redis, ConnectionControl local) {
        this.redis = redis;
        this.local = local;
    }

    @Override
    public void closeConnectionsOfToken(String tokenId, int closeCode, String reason) {
        local.closeConnectionsOfToken(tokenId, closeCode, reason);
        try {
            redis.sync().xadd(RedisKeys.EVENTS, XAddArgs.Builder.maxlen(RedisEventPublisher.STREAM_LENGTH)
                            .approximateTrimming(),
                    RedisKeys.CLOSE_TOKEN_FIELD, tokenId, RedisKeys.CLOSE_CODE_FIELD, Integer.toString(closeCode),
                    RedisKeys.CLOSE_REASON_FIELD, reason);
        } catch (RuntimeException e) {
            // The token is revoked in Redis already, so no node admits it again; only connections
            // already open on other nodes stay open.
            LOG.log(Level.ERROR, "revoked token " + tokenId + ": could not tell the other nodes to close its "
                    + "connections: " + e.getMessage());
        }
    }

    /** This node's open connections. */
    @Override
    public int openConnections() {
        return local.openConnections();
    }
}
