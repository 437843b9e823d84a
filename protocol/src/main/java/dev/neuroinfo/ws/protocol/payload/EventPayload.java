package dev.neuroinfo.ws.protocol.payload;

/**
 * The {@code eventData} of an event. Each {@link dev.neuroinfo.ws.protocol.EventType} names the
 * record that carries its data.
 */
public sealed interface EventPayload
        permits ScheduleUpdate, SubathonUpdate, SubathonGoalUpdate, StreamOnline, StreamUpdate,
        StreamOffline, StreamRaid {
}
