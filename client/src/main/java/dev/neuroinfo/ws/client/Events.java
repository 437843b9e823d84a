package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.protocol.payload.ScheduleUpdate;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.protocol.payload.StreamUpdate;
import dev.neuroinfo.ws.protocol.payload.SubathonGoalUpdate;
import dev.neuroinfo.ws.protocol.payload.SubathonUpdate;
import java.util.EnumMap;
import java.util.Map;

/** The nine event types with their payload records, for type-safe listeners. */
public final class Events {
    public static final TypedEvent<ScheduleUpdate> SCHEDULE_UPDATE =
            new TypedEvent<>(EventType.SCHEDULE_UPDATE, ScheduleUpdate.class);
    public static final TypedEvent<SubathonUpdate> SUBATHON_UPDATE =
            new TypedEvent<>(EventType.SUBATHON_UPDATE, SubathonUpdate.class);
    public static final TypedEvent<SubathonGoalUpdate> SUBATHON_GOAL_UPDATE =
            new TypedEvent<>(EventType.SUBATHON_GOAL_UPDATE, SubathonGoalUpdate.class);
    public static final TypedEvent<StreamOnline> STREAM_ONLINE =
            new TypedEvent<>(EventType.STREAM_ONLINE, StreamOnline.class);
    public static final TypedEvent<StreamUpdate> STREAM_UPDATE =
            new TypedEvent<>(EventType.STREAM_UPDATE, StreamUpdate.class);
    public static final TypedEvent<StreamOffline> STREAM_OFFLINE =
            new TypedEvent<>(EventType.STREAM_OFFLINE, StreamOffline.class);
    public static final TypedEvent<StreamOnline> SECRETNEUROACCOUNT_ONLINE =
            new TypedEvent<>(EventType.SECRETNEUROACCOUNT_ONLINE, StreamOnline.class);
    public static final TypedEvent<StreamRaid> STREAM_RAID_INCOMING =
            new TypedEvent<>(EventType.STREAM_RAID_INCOMING, StreamRaid.class);
    public static final TypedEvent<StreamRaid> STREAM_RAID_OUTGOING =
            new TypedEvent<>(EventType.STREAM_RAID_OUTGOING, StreamRaid.class);

    private static final Map<EventType, TypedEvent<?>> BY_TYPE = new EnumMap<>(EventType.class);

    static {
        for (TypedEvent<?> event : new TypedEvent<?>[] {SCHEDULE_UPDATE, SUBATHON_UPDATE, SUBATHON_GOAL_UPDATE,
                STREAM_ONLINE, STREAM_UPDATE, STREAM_OFFLINE, SECRETNEUROACCOUNT_ONLINE, STREAM_RAID_INCOMING,
                STREAM_RAID_OUTGOING}) {
            BY_TYPE.put(event.type(), event);
        }
    }

    private Events() {
    }

    /** The typed constant of an event type, for code that picks types at run time. */
    public static TypedEvent<? extends EventPayload> of(EventType type) {
        return BY_TYPE.get(type);
    }
}
