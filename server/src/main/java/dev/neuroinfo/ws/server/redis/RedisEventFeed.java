package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.codec.ServerDecoding;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.message.EventId;
import dev.neuroinfo.ws.server.ConnectionControl;
import dev.neuroinfo.ws.server.events.Broadcaster;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds this node's {@link Broadcaster} from the event stream {@code neuroinfo:events}, and closes
 * this node's connections of tokens revoked on any node (control entries in the same stream): one thread
 * reads the stream in order with a blocking {@code XREAD} on a connection of its own, remembering
 * the id of the last entry it handed on. After a lost connection it reads on from that id, so an
 * event Redis still holds is delivered exactly once and in order, however long the gap. Each event
 * entry holds the event's wire text and type, and the text goes to the subscribers as it is, never
 * parsed again on its way (the one feed thread of each node would otherwise decode and encode
 * every event before any subscriber gets it). An event recorded in the cluster's history (REC-11) carries its epoch and
 * offset in the entry, and the codec appends them to the text.
 */
final class RedisEventFeed implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisEventFeed.class.getName());
    /** How long one read waits for new entries; bounds how long closing takes. */
    private static final Duration BLOCK = Duration.ofMillis(500);
    private static final long BATCH = 500;
    private static final long RETRY_MILLIS = 200;

    private final StatefulRedisConnection<String, String> connection;
    private final MessageCodec codec;
    private final Broadcaster broadcaster;
    private final ConnectionControl local;
    private final Thread reader;
    private volatile boolean running = true;
    private String lastId;

    /** Starts reading after the stream's newest entry: a node delivers the events published once it is up. */
    RedisEventFeed(RedisLink redis, MessageCodec codec, Broadcaster broadcaster, ConnectionControl local) {
        this.connection = redis.dedicated(BLOCK.plus(RedisLink.COMMAND_TIMEOUT));
        this.codec = codec;
        this.broadcaster = broadcaster;
        this.local = local;
        List<StreamMessage<String, String>> newest = connection.sync()
                .xrevrange(RedisKeys.EVENTS, Range.unbounded(), Limit.from(1));
        this.lastId = newest.isEmpty() ? "0-0" : newest.get(0).getId();
        this.reader = new Thread(this::readLoop, "neuroinfo-redis-events");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        boolean failing = false;
        while (running) {
            try {
                List<StreamMessage<String, String>> batch = connection.sync().xread(
                        XReadArgs.Builder.block(BLOCK).count(BATCH), XReadArgs.StreamOffset.from(RedisKeys.EVENTS, lastId));
                if (failing) {
                    failing = false;
                    LOG.log(Level.INFO, "reading events from Redis again after " + lastId);
                }
                for (StreamMessage<String, String> entry : batch) {
                    handle(entry.getBody());
                    lastId = entry.getId();
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    failing = true;
                    LOG.log(Level.WARNING, "cannot read events from Redis, retrying: " + e.getMessage());
                }
                pause();
            }
        }
    }

    private void handle(Map<String, String> entry) {
        try {
            dispatch(entry);
        } catch (IllegalArgumentException malformed) {
            // skipped rather than read again and again: only another program writes such entries
            LOG.log(Level.WARNING, "skipped a malformed stream entry: " + malformed.getMessage());
        }
    }

    private void dispatch(Map<String, String> entry) {
        String frame = entry.get(RedisKeys.FRAME_FIELD);
        Optional<EventType> type = entry.containsKey(RedisKeys.TYPE_FIELD)
                ? EventType.fromWireName(entry.get(RedisKeys.TYPE_FIELD))
                : typeInFrame(frame);
        String revokedToken = entry.get(RedisKeys.CLOSE_TOKEN_FIELD);
        if (frame != null && type.isPresent()) {
            String offset = entry.get(RedisKeys.OFFSET_FIELD);
            broadcaster.broadcastText(type.get(), offset == null ? frame
                    : codec.withId(frame, new EventId(entry.get(RedisKeys.EPOCH_FIELD), Long.parseLong(offset))));
        } else if (revokedToken != null) {
            local.closeConnectionsOfToken(revokedToken, Integer.parseInt(entry.get(RedisKeys.CLOSE_CODE_FIELD)),
                    entry.get(RedisKeys.CLOSE_REASON_FIELD));
        } else {
            LOG.log(Level.WARNING, "skipped a stream entry that is neither an event nor a revocation");
        }
    }

    /**
     * The type of an event entry that does not name it: nodes from before entries named their type
     * write such entries, and during a rolling upgrade their events must still reach this node's
     * subscribers. Those nodes read the type from the frame; so does this, for their entries only.
     */
    private Optional<EventType> typeInFrame(String frame) {
        return frame != null && codec.decodeServer(frame) instanceof ServerDecoding.Decoded decoded
                && decoded.message() instanceof Event event ? Optional.of(event.eventType()) : Optional.empty();
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops reading; the connection is closed with the link. */
    @Override
    public void close() {
        running = false;
        try {
            // A read in progress ends within BLOCK.
            reader.join(BLOCK.plus(RedisLink.COMMAND_TIMEOUT).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
