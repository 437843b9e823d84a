package dev.neuroinfo.ws.server.redis;

/**
 * The Lua that records events in the cluster's history (REC-11), shared by the scripts that emit
 * events and those that read the history, so that both agree on keys and layout. Every such
 * script takes {@link #KEYS} first; its own keys follow.
 */
final class RecordedEvents {
    /** Keys 1..5 of every script that emits or reads events. */
    static final String[] KEYS = {RedisKeys.EVENTS, RedisKeys.OFFSET, RedisKeys.HISTORY, RedisKeys.LATEST,
            RedisKeys.EPOCH};

    /**
     * {@code current_epoch(candidate)}: the epoch, or, when there is none (a new or emptied
     * Redis), {@code candidate} as the new one, with the offsets, history and latest state of any
     * earlier one removed so that nothing of it is mistaken for the new history's.
     */
    static final String CURRENT_EPOCH = """
            local function current_epoch(candidate)
                local epoch = redis.call('GET', KEYS[5])
                if epoch then return epoch end
                redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
                redis.call('SET', KEYS[5], candidate)
                return candidate
            end
            """;

    /**
     * {@code emit(frame, eventType)}: appends an event to the event stream every node reads, its
     * frame (without an id) and its type's wire name. With
     * recording on (ARGV[2] is {@code 1}) it first takes the next offset of the current epoch,
     * writes both into the stream entry, adds the event to the history (trimmed to ARGV[4]
     * entries) and makes it its type's latest. ARGV[1] caps the event stream, ARGV[3] is the
     * epoch to start if there is none. Scripts' own ARGV start at 5.
     */
    static final String EMIT = CURRENT_EPOCH + """
            local function emit(frame, event_type)
                if ARGV[2] ~= '1' then
                    redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'frame', frame, 'type', event_type)
                    return
                end
                local epoch = current_epoch(ARGV[3])
                local offset = redis.call('INCR', KEYS[2])
                redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'frame', frame, 'type', event_type,
                    'epoch', epoch, 'offset', offset)
                redis.call('XADD', KEYS[3], 'MAXLEN', ARGV[4], offset .. '-1', 'frame', frame)
                redis.call('HSET', KEYS[4], event_type, offset .. ' ' .. frame)
            end
            """;

    private RecordedEvents() {
    }
}
