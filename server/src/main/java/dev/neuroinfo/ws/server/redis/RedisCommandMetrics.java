package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import io.lettuce.core.event.command.CommandFailedEvent;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandSucceededEvent;
import java.util.concurrent.TimeUnit;

/**
 * Times every Redis command of this node and counts the failed ones, labelled by command name
 * (a bounded set: the commands this server sends). Blocking stream reads show as XREAD and last
 * up to their block time by design.
 */
final class RedisCommandMetrics implements CommandListener {
    private final ServerMetrics metrics;

    RedisCommandMetrics(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        metrics.redisCommand(event.getCommand().getType().toString(), event.getDuration(TimeUnit.NANOSECONDS));
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        metrics.redisCommandFailed(event.getCommand().getType().toString());
    }
}
