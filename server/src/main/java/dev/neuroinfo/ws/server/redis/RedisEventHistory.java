package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.codec.ServerDecoding;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.message.EventId;
import dev.neuroinfo.ws.protocol.recovery.HistoryPage;
import dev.neuroinfo.ws.protocol.recovery.LatestState;
import dev.neuroinfo.ws.server.config.RecoverySettings;
import dev.neuroinfo.ws.server.events.Epochs;
import dev.neuroinfo.ws.server.events.EventHistory;
import dev.neuroinfo.ws.server.events.HistoryWindow;
import io.lettuce.core.ScriptOutputType;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The cluster's history and latest state (REC-11), as {@link RedisEventPublisher} writes them:
 * the epoch in {@code neuroinfo:epoch}, the newest offset in {@code neuroinfo:offset}, the history
 * in the stream {@code neuroinfo:history} (entry id {@code <offset>-1}) and the latest event of
 * each type in the hash {@code neuroinfo:latest}. Each answer is read by one script, so epoch,
 * offset and events are of one moment. Redis being unreachable throws a {@code RedisException}
 * (answered 500).
 */
final class RedisEventHistory implements EventHistory {
    private static final System.Logger LOG = System.getLogger(RedisEventHistory.class.getName());

    /** ARGV: epoch for a new history. Answers {epoch, offset, offset1, frame1, ...} of the latest events. */
    private static final LuaScript READ_LATEST = new LuaScript(RecordedEvents.CURRENT_EPOCH + """
            local epoch = current_epoch(ARGV[1])
            local answer = {epoch, redis.call('GET', KEYS[2]) or '0'}
            local latest = redis.call('HGETALL', KEYS[4])
            for i = 2, #latest, 2 do
                local offset, frame = string.match(latest[i], '^(%d+) (.*)$')
                answer[#answer + 1] = offset
                answer[#answer + 1] = frame
            end
            return answer
            """, ScriptOutputType.MULTI);

    /** ARGV: epoch for a new history, first offset wanted. Answers {epoch, offset, offset1, frame1, ...} of the history from there. */
    private static final LuaScript READ_HISTORY = new LuaScript(RecordedEvents.CURRENT_EPOCH + """
            local epoch = current_epoch(ARGV[1])
            local answer = {epoch, redis.call('GET', KEYS[2]) or '0'}
            for _, entry in ipairs(redis.call('XRANGE', KEYS[3], ARGV[2] .. '-0', '+')) do
                local fields = entry[2]
                for i = 1, #fields, 2 do
                    if fields[i] == 'frame' then
                        answer[#answer + 1] = string.match(entry[1], '^(%d+)')
                        answer[#answer + 1] = fields[i + 1]
                    end
                end
            end
            return answer
            """, ScriptOutputType.MULTI);

    private final RedisLink redis;
    private final MessageCodec codec;
    private final RecoverySettings settings;
    private final Clock clock;

    RedisEventHistory(RedisLink redis, MessageCodec codec, RecoverySettings settings, Clock clock) {
        this.redis = redis;
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public LatestState latest() {
        List<Object> answer = READ_LATEST.run(redis.sync(), RecordedEvents.KEYS, Epochs.fresh());
        String epoch = (String) answer.get(0);
        List<Event> events = new ArrayList<>(events(epoch, answer));
        events.sort(Comparator.comparing(Event::eventType));
        return new LatestState(epoch, Long.parseLong((String) answer.get(1)), events);
    }

    @Override
    public HistoryPage since(String epoch, long since, Set<EventType> types) {
        List<Object> answer = READ_HISTORY.run(redis.sync(), RecordedEvents.KEYS, Epochs.fresh(),
                Long.toString(Math.max(0, since) + 1));
        String current = (String) answer.get(0);
        long offset = Long.parseLong((String) answer.get(1));
        long oldestKept = offset - settings.historySize();
        List<Event> held = events(current, answer).stream().filter(e -> e.id().offset() > oldestKept).toList();
        List<Event> retained = HistoryWindow.young(held, clock.millis(), settings.historyAge());
        return new HistoryWindow(current, offset, retained).after(epoch, since, types);
    }

    /** The events of an answer: pairs of offset and frame after its first two elements. */
    private List<Event> events(String epoch, List<Object> answer) {
        List<Event> events = new ArrayList<>();
        for (int i = 2; i + 1 < answer.size(); i += 2) {
            long offset = Long.parseLong((String) answer.get(i));
            if (codec.decodeServer((String) answer.get(i + 1)) instanceof ServerDecoding.Decoded decoded
                    && decoded.message() instanceof Event event) {
                events.add(event.withId(new EventId(epoch, offset)));
            } else {
                LOG.log(Level.WARNING, "skipped a history entry that is not an event, offset " + offset);
            }
        }
        return events;
    }
}
