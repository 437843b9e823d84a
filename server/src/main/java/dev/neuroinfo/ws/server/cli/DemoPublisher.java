package dev.neuroinfo.ws.server.cli;

import dev.neuroinfo.ws.protocol.EventType;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Publishes a realistic stream day on a loop (--demo), so that a newcomer sees events flow.
 */
final class DemoPublisher implements AutoCloseable {
    private static final Game JUST_CHATTING = new Game("509658", "Just Chatting");
    private static final String TITLE = "NEUROSLOP EVIL WASN'T BASED ENOUGH TO DO IT";

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "neuroinfo-demo");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Map.Entry<EventType, EventPayload>> script;
    private int next;

    DemoPublisher(BiConsumer<EventType, EventPayload> publish) {
        long now = System.currentTimeMillis();
        Map<String, SubathonGoal> goals = new LinkedHashMap<>();
        goals.put("1000", new SubathonGoal("Neuro sings a song of chat's choice", true, true));
        goals.put("100000", new SubathonGoal("Evil gets a new model", false, true));
        script = List.of(
                Map.entry(EventType.SCHEDULE_UPDATE, new ScheduleUpdate(2025, 42, List.of(
                        new ScheduleEntry(2, now, "Neuro Stream", ScheduleEntryType.NORMAL),
                        new ScheduleEntry(3, now + 86_400_000L, "Neuro Karaoke", ScheduleEntryType.CANCELED),
                        new ScheduleEntry(5, now + 259_200_000L, "Neuro Fishing 2", ScheduleEntryType.TBD),
                        new ScheduleEntry(6, now + 345_600_000L, "Offline", ScheduleEntryType.OFFLINE)), true)),
                Map.entry(EventType.STREAM_ONLINE, new StreamOnline("331913732989", TITLE, JUST_CHATTING, "en",
                        List.of("English", "Programming", "Chatting", "Singing", "Vtuber"), false, 5799, now,
                        "https://static-cdn.jtvnw.net/previews-ttv/live_user_vedal987-{width}x{height}.jpg")),
                Map.entry(EventType.STREAM_UPDATE, new StreamUpdate(TITLE + " (karaoke)", JUST_CHATTING, "en", false)),
                Map.entry(EventType.SUBATHON_UPDATE, new SubathonUpdate(2025, "Neuro-sama Subathon 3", 132450, goals,
                        true, 1764500000000L, Optional.empty())),
                Map.entry(EventType.SUBATHON_GOAL_UPDATE, new SubathonGoalUpdate(2025, 100000,
                        goals.get("100000"), 132450)),
                Map.entry(EventType.STREAM_RAID_INCOMING, new StreamRaid(
                        new RaidChannel("Vedal987", "vedal987", "85498365"), 1200)),
                Map.entry(EventType.STREAM_OFFLINE, new StreamOffline()));
        timer.scheduleAtFixedRate(() -> {
            Map.Entry<EventType, EventPayload> event = script.get(next++ % script.size());
            publish.accept(event.getKey(), event.getValue());
        }, 2, 5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
