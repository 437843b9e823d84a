package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.protocol.payload.ScheduleUpdate;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.protocol.payload.StreamUpdate;
import dev.neuroinfo.ws.protocol.payload.SubathonGoalUpdate;
import dev.neuroinfo.ws.protocol.payload.SubathonUpdate;

/**
 * Reads events typed, without an {@code instanceof} chain: one method per event type, named
 * after its wire name and receiving its payload record. Override the ones you read; the others
 * do nothing. {@link #handle(Event)} calls the method of an event's type, e.g. for every event
 * of an {@link EventStream}:
 *
 * <pre>{@code
 * EventHandler handler = new EventHandler() {
 *     public void streamOnline(StreamOnline live, long timestamp) { ... }
 * };
 * while (stream.hasNext()) {
 *     handler.handle(stream.next());
 * }
 * }</pre>
 */
public interface EventHandler {
    /** A {@link EventType#SCHEDULE_UPDATE} event. */
    default void scheduleUpdate(ScheduleUpdate data, long timestamp) {
    }

    /** A {@link EventType#SUBATHON_UPDATE} event. */
    default void subathonUpdate(SubathonUpdate data, long timestamp) {
    }

    /** A {@link EventType#SUBATHON_GOAL_UPDATE} event. */
    default void subathonGoalUpdate(SubathonGoalUpdate data, long timestamp) {
    }

    /** A {@link EventType#STREAM_ONLINE} event. */
    default void streamOnline(StreamOnline data, long timestamp) {
    }

    /** A {@link EventType#STREAM_UPDATE} event. */
    default void streamUpdate(StreamUpdate data, long timestamp) {
    }

    /** A {@link EventType#STREAM_OFFLINE} event. */
    default void streamOffline(StreamOffline data, long timestamp) {
    }

    /** A {@link EventType#SECRETNEUROACCOUNT_ONLINE} event (the second channel going live). */
    default void secretneuroaccountOnline(StreamOnline data, long timestamp) {
    }

    /** A {@link EventType#STREAM_RAID_INCOMING} event. */
    default void streamRaidIncoming(StreamRaid data, long timestamp) {
    }

    /** A {@link EventType#STREAM_RAID_OUTGOING} event. */
    default void streamRaidOutgoing(StreamRaid data, long timestamp) {
    }

    /**
     * Calls the method of the event's type with its payload record (the record
     * {@link EventType#payloadType()} names, which the codec guarantees).
     */
    default void handle(Event event) {
        EventPayload data = event.eventData();
        long timestamp = event.timestamp();
        switch (event.eventType()) {
            case SCHEDULE_UPDATE -> scheduleUpdate((ScheduleUpdate) data, timestamp);
            case SUBATHON_UPDATE -> subathonUpdate((SubathonUpdate) data, timestamp);
            case SUBATHON_GOAL_UPDATE -> subathonGoalUpdate((SubathonGoalUpdate) data, timestamp);
            case STREAM_ONLINE -> streamOnline((StreamOnline) data, timestamp);
            case STREAM_UPDATE -> streamUpdate((StreamUpdate) data, timestamp);
            case STREAM_OFFLINE -> streamOffline((StreamOffline) data, timestamp);
            case SECRETNEUROACCOUNT_ONLINE -> secretneuroaccountOnline((StreamOnline) data, timestamp);
            case STREAM_RAID_INCOMING -> streamRaidIncoming((StreamRaid) data, timestamp);
            case STREAM_RAID_OUTGOING -> streamRaidOutgoing((StreamRaid) data, timestamp);
        }
    }
}
