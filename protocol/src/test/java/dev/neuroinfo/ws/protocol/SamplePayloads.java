package dev.neuroinfo.ws.protocol;

import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.protocol.payload.Game;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.ScheduleEntry;
import dev.neuroinfo.ws.protocol.payload.ScheduleEntryType;
import dev.neuroinfo.ws.protocol.payload.ScheduleUpdate;
import dev.neuroinfo.ws.protocol.payload.StreamOffline;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.protocol.payload.StreamUpdate;
import dev.neuroinfo.ws.protocol.payload.SubathonGoal;
import dev.neuroinfo.ws.protocol.payload.SubathonGoalUpdate;
import dev.neuroinfo.ws.protocol.payload.SubathonUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Realistic payloads from the API's sample values, one per event type. */
public final class SamplePayloads {
    private SamplePayloads() {
    }

    public static final Game JUST_CHATTING = new Game("509658", "Just Chatting");

    public static StreamOnline streamOnline() {
        return new StreamOnline("331913732989", "NEUROSLOP EVIL WASN'T BASED ENOUGH TO DO IT", JUST_CHATTING, "en",
                List.of("English", "Programming", "Chatting", "Singing", "Vtuber"), false, 5799, 1764500000000L,
                "https://static-cdn.jtvnw.net/previews-ttv/live_user_vedal987-{width}x{height}.jpg");
    }

    public static ScheduleUpdate scheduleUpdate() {
        return new ScheduleUpdate(2025, 42, List.of(
                new ScheduleEntry(2, 1760461200000L, "Neuro Stream", ScheduleEntryType.NORMAL),
                new ScheduleEntry(3, 1760547600000L, "Neuro Karaoke", ScheduleEntryType.CANCELED),
                new ScheduleEntry(5, 1760720400000L, "Neuro Fishing 2", ScheduleEntryType.TBD),
                new ScheduleEntry(6, 1760806800000L, "Offline", ScheduleEntryType.OFFLINE)), true);
    }

    public static SubathonUpdate subathonUpdate() {
        Map<String, SubathonGoal> goals = new LinkedHashMap<>();
        goals.put("1000", new SubathonGoal("Neuro sings", true, true));
        goals.put("100000", new SubathonGoal("Evil gets a new model", false, true));
        return new SubathonUpdate(2025, "Neuro-sama Subathon 3", 132450, goals, true, 1764500000000L, Optional.empty());
    }

    /** The sample payload of an event type. */
    public static EventPayload of(EventType type) {
        switch (type) {
            case SCHEDULE_UPDATE:
                return scheduleUpdate();
            case SUBATHON_UPDATE:
                return subathonUpdate();
            case SUBATHON_GOAL_UPDATE:
                return new SubathonGoalUpdate(2025, 100000, new SubathonGoal("Evil gets a new model", false, true),
                        132450);
            case STREAM_ONLINE:
            case SECRETNEUROACCOUNT_ONLINE:
                return streamOnline();
            case STREAM_UPDATE:
                return new StreamUpdate("NEUROSLOP EVIL WASN'T BASED ENOUGH TO DO IT", JUST_CHATTING, "en", false);
            case STREAM_OFFLINE:
                return new StreamOffline();
            default:
                return new StreamRaid(new RaidChannel("Vedal987", "vedal987", "85498365"), 1200);
        }
    }
}
