package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.server.events.EventPublisher;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XAddArgs;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes events to every node: each accepted event is appended, as its wire frame, to the
 * Redis stream {@code neuroinfo:events}, which every node's {@link RedisEventFeed} reads in
 * order. The stream's order is the one publish order all subscribers on all nodes see.
 *
 * <p>The streamUpdate throttle holds cluster-wide. The open window is the key
 * {@code neuroinfo:throttle:streamUpdate:window}, holding the window's id and expiring (Redis
 * time) when the window ends; the update held back by it is {@code ...:pending}. One script
 * decides each streamUpdate: no window open, it goes to the stream and opens one; a window open,
 * it replaces the pending one. The node that opened a window flushes the pending update when the
 * window ends, opening the next; every node that held an update also checks a little later, so
 * the trailing update still goes out if the opener died. Whoever comes first wins (the check
 * compares window ids), so it goes out once. A streamUpdate that finds the window over but its
 * pending update not yet flushed sends that one first, so the latest state always arrives last.
 */
final class RedisEventPublisher implements EventPublisher {
    /** The stream keeps about this many recent events; nodes read far behind the head never. */
    static final long STREAM_LENGTH = 10_000;

    private static final System.Logger LOG = System.getLogger(RedisEventPublisher.class.getName());
    /** How long after a window's end a node that only held an update checks that it went out. */
    private static final long FALLBACK_GRACE_MILLIS = 300;
    /** How soon a window-end check that could not reach Redis is tried again. */
    private static final long RETRY_MILLIS = 250;

    private static final String EMIT = """
            local function emit(frame)
                redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', 'frame', frame)
            end
            """;

    /** ARGV: frame, id for a new window, window ms, stream length. Answers {outcome, window id, ms to its end}. */
    private static final LuaScript PUBLISH_THROTTLED = new LuaScript(EMIT + """
            local open = redis.call('GET', KEYS[1])
            if open then
                redis.call('SET', KEYS[2], ARGV[1])
                return {'held', open, math.max(0, redis.call('PTTL', KEYS[1]))}
            end
            local pending = redis.call('GET', KEYS[2])
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            if pending then
                emit(pending)
                redis.call('SET', KEYS[2], ARGV[1])
                return {'held', ARGV[2], tonumber(ARGV[3])}
            end
            emit(ARGV[1])
            return {'sent', ARGV[2], tonumber(ARGV[3])}
            """, ScriptOutputType.MULTI);

    /**
     * ARGV: the window checked, id for a new window, window ms, stream length. Answers ms to wait
     * before checking the same window again, 0 when nothing is left to do, -1 when it flushed the
     * pending update and opened the new window.
     */
    private static final LuaScript WINDOW_END = new LuaScript(EMIT + """
            local open = redis.call('GET', KEYS[1])
            if open == ARGV[1] then return math.max(1, redis.call('PTTL', KEYS[1])) end
            if open then return 0 end
            local pending = redis.call('GET', KEYS[2])
            if not pending then return 0 end
            redis.call('DEL', KEYS[2])
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            emit(pending)
            return -1
            """, ScriptOutputType.INTEGER);

    private static final String[] THROTTLE_KEYS = {RedisKeys.THROTTLE_WINDOW, RedisKeys.THROTTLE_PENDING, RedisKeys.EVENTS};

    private final RedisLink redis;
    private final MessageCodec codec;
    private final ScheduledExecutorService timer;
    private final long windowMillis;
    private final Clock clock;
    private final String nodeId;
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> checksScheduled = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean checkFailing = new AtomicBoolean();

    /**
     * @param timer    runs window-end checks
     * @param window   the streamUpdate interval
     * @param clock    source of accepted timestamps
     * @param nodeId   this node, to make window ids unique
     */
    RedisEventPublisher(RedisLink redis, MessageCodec codec, ScheduledExecutorService timer, Duration window,
            Clock clock, String nodeId) {
        this.redis = redis;
        this.codec = codec;
        this.timer = timer;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** {@inheritDoc} Redis being unreachable throws a {@code RedisException}: the event was not accepted. */
    @Override
    public long publish(EventType type, EventPayload payload) {
        long timestamp = clock.millis();
        String frame = codec.encode(new Event(type, payload, timestamp));
        if (type != EventType.STREAM_UPDATE) {
            redis.sync().xadd(RedisKeys.EVENTS, XAddArgs.Builder.maxlen(STREAM_LENGTH).approximateTrimming(),
                    RedisKeys.FRAME_FIELD, frame);
            return timestamp;
        }
        List<Object> answer = PUBLISH_THROTTLED.run(redis.sync(), THROTTLE_KEYS, frame, newWindowId(),
                Long.toString(windowMillis), Long.toString(STREAM_LENGTH));
        String outcome = (String) answer.get(0);
        String window = (String) answer.get(1);
        long untilEnd = (Long) answer.get(2);
        boolean opener = "sent".equals(outcome) || window.startsWith(nodeId + ":");
        scheduleCheck(window, opener ? untilEnd : untilEnd + FALLBACK_GRACE_MILLIS);
        return timestamp;
    }

    private String newWindowId() {
        return nodeId + ":" + sequence.incrementAndGet();
    }

    /** Checks a window once it should have ended; at most one check per window per node is waiting. */
    private void scheduleCheck(String window, long delayMillis) {
        if (!checksScheduled.add(window)) {
            return;
        }
        try {
            timer.schedule(() -> checkWindow(window), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            checksScheduled.remove(window);
        }
    }

    private void checkWindow(String window) {
        checksScheduled.remove(window);
        String next = newWindowId();
        long answer;
        try {
            answer = WINDOW_END.run(redis.sync(), THROTTLE_KEYS, window, next, Long.toString(windowMillis),
                    Long.toString(STREAM_LENGTH));
        } catch (RuntimeException e) {
            if (checkFailing.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "cannot end a streamUpdate window in Redis, retrying: " + e.getMessage());
            }
            scheduleCheck(window, RETRY_MILLIS);
            return;
        }
        if (checkFailing.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "streamUpdate windows end in Redis again");
        }
        if (answer > 0) {
            scheduleCheck(window, answer);
        } else if (answer < 0) {
            scheduleCheck(next, windowMillis);
        }
    }
}
