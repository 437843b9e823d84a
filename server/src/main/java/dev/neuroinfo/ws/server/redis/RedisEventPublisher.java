package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.events.Epochs;
import dev.neuroinfo.ws.server.events.EventPublisher;
import io.lettuce.core.ScriptOutputType;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
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
 * <p>The streamUpdate throttle (EVT-8, EVT-9) holds cluster-wide. The open window is the key
 * {@code neuroinfo:throttle:streamUpdate:window}, holding the window's id and expiring (Redis
 * time) when the window ends; the update held back by it is {@code ...:pending}. One script
 * decides each streamUpdate: no window open, it goes to the stream and opens one; a window open,
 * it replaces the pending one. The node that opened a window flushes the pending update when the
 * window ends, opening the next; every node that held an update also checks a little later, so
 * the trailing update still goes out if the opener died. Whoever comes first wins (the check
 * compares window ids), so it goes out once. A streamUpdate that finds the window over but its
 * pending update not yet flushed sends that one first, so the latest state always arrives last.
 *
 * <p>With the recovery extension on, the same scripts give each event the next offset of the
 * cluster's epoch as it enters the stream, add it to the history and make it its type's latest
 * ({@link RecordedEvents}), atomically with entering the stream: the stream's order is the
 * offsets' order.
 */
final class RedisEventPublisher implements EventPublisher {
    /** The stream keeps about this many recent events; nodes read far behind the head never. */
    static final long STREAM_LENGTH = 10_000;

    private static final System.Logger LOG = System.getLogger(RedisEventPublisher.class.getName());
    /** How long after a window's end a node that only held an update checks that it went out. */
    private static final long FALLBACK_GRACE_MILLIS = 300;
    /** How soon a window-end check that could not reach Redis is tried again. */
    private static final long RETRY_MILLIS = 250;

    /** ARGV from 5: the event's type, its frame. */
    private static final LuaScript PUBLISH = new LuaScript(RecordedEvents.EMIT + """
            emit(ARGV[6], ARGV[5])
            return 1
            """, ScriptOutputType.INTEGER);

    /**
     * KEYS 6, 7: the window, the pending update. ARGV from 5: frame, id for a new window, window
     * ms. Answers {outcome, window id, ms to its end}.
     */
    private static final LuaScript PUBLISH_THROTTLED = new LuaScript(RecordedEvents.EMIT + """
            local open = redis.call('GET', KEYS[6])
            if open then
                redis.call('SET', KEYS[7], ARGV[5])
                return {'held', open, math.max(0, redis.call('PTTL', KEYS[6]))}
            end
            local pending = redis.call('GET', KEYS[7])
            redis.call('SET', KEYS[6], ARGV[6], 'PX', ARGV[7])
            if pending then
                emit(pending, 'streamUpdate')
                redis.call('SET', KEYS[7], ARGV[5])
                return {'held', ARGV[6], tonumber(ARGV[7])}
            end
            emit(ARGV[5], 'streamUpdate')
            return {'sent', ARGV[6], tonumber(ARGV[7])}
            """, ScriptOutputType.MULTI);

    /**
     * KEYS 6, 7 as for publishing. ARGV from 5: the window checked, id for a new window, window
     * ms. Answers ms to wait before checking the same window again, 0 when nothing is left to do,
     * -1 when it flushed the pending update and opened the new window.
     */
    private static final LuaScript WINDOW_END = new LuaScript(RecordedEvents.EMIT + """
            local open = redis.call('GET', KEYS[6])
            if open == ARGV[5] then return math.max(1, redis.call('PTTL', KEYS[6])) end
            if open then return 0 end
            local pending = redis.call('GET', KEYS[7])
            if not pending then return 0 end
            redis.call('DEL', KEYS[7])
            redis.call('SET', KEYS[6], ARGV[6], 'PX', ARGV[7])
            emit(pending, 'streamUpdate')
            return -1
            """, ScriptOutputType.INTEGER);

    private static final String[] THROTTLE_KEYS = withThrottleKeys();

    private final RedisLink redis;
    private final MessageCodec codec;
    private final ScheduledExecutorService timer;
    private final long windowMillis;
    private final Clock clock;
    private final String nodeId;
    private final RecoverySettings recovery;
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> checksScheduled = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean checkFailing = new AtomicBoolean();

    /**
     * @param timer    runs window-end checks
     * @param window   the streamUpdate interval
     * @param clock    source of accepted timestamps
     * @param nodeId   this node, to make window ids unique
     * @param recovery whether events are recorded in the cluster's history (REC-11), and its size
     */
    RedisEventPublisher(RedisLink redis, MessageCodec codec, ScheduledExecutorService timer, Duration window,
            Clock clock, String nodeId, RecoverySettings recovery) {
        this.redis = redis;
        this.codec = codec;
        this.timer = timer;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.nodeId = nodeId;
        this.recovery = recovery;
    }

    private static String[] withThrottleKeys() {
        String[] keys = Arrays.copyOf(RecordedEvents.KEYS, RecordedEvents.KEYS.length + 2);
        keys[keys.length - 2] = RedisKeys.THROTTLE_WINDOW;
        keys[keys.length - 1] = RedisKeys.THROTTLE_PENDING;
        return keys;
    }

    /** ARGV 1..4 of every emitting script ({@link RecordedEvents#EMIT}), then the script's own. */
    private String[] args(String... own) {
        String[] args = new String[4 + own.length];
        args[0] = Long.toString(STREAM_LENGTH);
        args[1] = recovery.enabled() ? "1" : "0";
        args[2] = Epochs.fresh();
        args[3] = Integer.toString(recovery.historySize());
        System.arraycopy(own, 0, args, 4, own.length);
        return args;
    }

    /** {@inheritDoc} Redis being unreachable throws a {@code RedisException}: the event was not accepted. */
    @Override
    public long publish(EventType type, EventPayload payload) {
        long timestamp = clock.millis();
        String frame = codec.encode(new Event(type, payload, timestamp));
        if (type != EventType.STREAM_UPDATE) {
            PUBLISH.run(redis.sync(), RecordedEvents.KEYS, args(type.wireName(), frame));
            return timestamp;
        }
        List<Object> answer = PUBLISH_THROTTLED.run(redis.sync(), THROTTLE_KEYS,
                args(frame, newWindowId(), Long.toString(windowMillis)));
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
            answer = WINDOW_END.run(redis.sync(), THROTTLE_KEYS, args(window, next, Long.toString(windowMillis)));
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
