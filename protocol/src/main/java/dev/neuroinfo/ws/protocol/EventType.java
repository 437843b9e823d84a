package dev.neuroinfo.ws.protocol;

import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.protocol.payload.ScheduleUpdate;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.protocol.payload.StreamUpdate;
import dev.neuroinfo.ws.protocol.payload.SubathonGoalUpdate;
import dev.neuroinfo.ws.protocol.payload.SubathonUpdate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nine event types of the API, declared in the order the API documents them; that order is
 * the order of {@code availableEvents} in a {@code listEvents} reply.
 */
public enum EventType {
    SCHEDULE_UPDATE("scheduleUpdate", ScheduleUpdate.class),
    SUBATHON_UPDATE("subathonUpdate", SubathonUpdate.class),
    SUBATHON_GOAL_UPDATE("subathonGoalUpdate", SubathonGoalUpdate.class),
    STREAM_ONLINE("streamOnline", StreamOnline.class),
    STREAM_UPDATE("streamUpdate", StreamUpdate.class),
    STREAM_OFFLINE("streamOffline", StreamOffline.class),
    SECRETNEUROACCOUNT_ONLINE("secretneuroaccountOnline", StreamOnline.class),
    STREAM_RAID_INCOMING("streamRaidIncoming", StreamRaid.class),
    STREAM_RAID_OUTGOING("streamRaidOutgoing", StreamRaid.class);

    private static final List<EventType> DOCUMENTED_ORDER = List.of(values());
    private static final Map<String, EventType> BY_WIRE_NAME = new HashMap<>();

    static {
        for (EventType type : DOCUMENTED_ORDER) {
            BY_WIRE_NAME.put(type.wireName, type);
        }
    }

    private final String wireName;
    private final Class<? extends EventPayload> payloadType;

    EventType(String wireName, Class<? extends EventPayload> payloadType) {
        this.wireName = wireName;
        this.payloadType = payloadType;
    }

    /** The name used on the wire, e.g. {@code streamOnline}. */
    public String wireName() {
        return wireName;
    }

    /** The record type of this event's {@code eventData}. */
    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /**
     * Looks an event type up by its exact wire name. The match is case-sensitive: a client that
     * sends {@code StreamOnline} has named no event.
     *
     * @param wireName the name as received, may be {@code null}
     * @return the event type, or empty when the name is not one of the nine
     */
    public static Optional<EventType> fromWireName(String wireName) {
        return wireName == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    /** All nine event types in the documented order (an unmodifiable list). */
    public static List<EventType> documentedOrder() {
        return DOCUMENTED_ORDER;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
