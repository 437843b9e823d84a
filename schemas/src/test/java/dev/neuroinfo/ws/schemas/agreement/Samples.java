package dev.neuroinfo.ws.schemas.agreement;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.InvalidReason;
import dev.neuroinfo.ws.protocol.message.AddEvent;
import dev.neuroinfo.ws.protocol.message.AddSuccess;
import dev.neuroinfo.ws.protocol.message.Auth;
import dev.neuroinfo.ws.protocol.message.ClientMessage;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.message.Invalid;
import dev.neuroinfo.ws.protocol.message.ListEventsReply;
import dev.neuroinfo.ws.protocol.message.ListEventsRequest;
import dev.neuroinfo.ws.protocol.message.Ping;
import dev.neuroinfo.ws.protocol.message.Pong;
import dev.neuroinfo.ws.protocol.message.RemoveEvent;
import dev.neuroinfo.ws.protocol.message.RemoveSuccess;
import dev.neuroinfo.ws.protocol.message.ServerMessage;
import dev.neuroinfo.ws.protocol.message.Welcome;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Records to encode: for every message and payload type, one sample per combination of optional
 * fields and boundary values, plus a seeded stream of varied ones. Seeds are fixed so that a
 * failure reproduces.
 */
final class Samples {
    /** Varied records generated per payload or message type. */
    static final int RANDOM_PER_TYPE = 300;

    private static final long SEED = 0xA6EE_5EEDL;
    private static final Game JUST_CHATTING = new Game("509658", "Just Chatting");
    private static final RaidChannel VEDAL = new RaidChannel("Vedal987", "vedal987", "85498365");
    private static final SubathonGoal GOAL = new SubathonGoal("Neuro draws a picture", true, true);
    private static final String[] STRINGS = {
            "", "a", "Neuro Stream", "NEUROSLOP EVIL WASN'T BASED ENOUGH TO DO IT", "quote \" and \\ backslash",
            "line\nbreak\ttab", "\u0000control", "caf\u00e9", "\ud83d\udc22 turtle", "{width}x{height}", "12345",
            "null", "true", " ", "\u202eright-to-left", "x".repeat(300)};

    private Samples() {
    }

    // ------------------------------------------------------------------ payloads

    /** Every optional-field combination and boundary of one event type's payload. */
    static List<EventPayload> exhaustive(EventType type) {
        return switch (type) {
            case SCHEDULE_UPDATE -> scheduleUpdates();
            case SUBATHON_UPDATE -> subathonUpdates();
            case SUBATHON_GOAL_UPDATE -> subathonGoalUpdates();
            case STREAM_ONLINE, SECRETNEUROACCOUNT_ONLINE -> streamOnlines();
            case STREAM_UPDATE -> streamUpdates();
            case STREAM_OFFLINE -> List.of(new StreamOffline());
            case STREAM_RAID_INCOMING, STREAM_RAID_OUTGOING -> streamRaids();
        };
    }

    /** {@link #RANDOM_PER_TYPE} varied payloads of one event type, from a seed derived from it. */
    static List<EventPayload> random(EventType type) {
        Random random = new Random(SEED ^ type.ordinal());
        List<EventPayload> payloads = new ArrayList<>();
        for (int i = 0; i < RANDOM_PER_TYPE; i++) {
            payloads.add(randomPayload(type, random));
        }
        return payloads;
    }

    private static List<EventPayload> scheduleUpdates() {
        List<List<ScheduleEntry>> schedules = new ArrayList<>();
        schedules.add(List.of());
        for (ScheduleEntryType entryType : ScheduleEntryType.values()) {
            schedules.add(List.of(new ScheduleEntry(0, 0L, "", entryType), new ScheduleEntry(6, -1L, "x", entryType)));
        }
        List<ScheduleEntry> week = new ArrayList<>();
        for (int day = 0; day <= 6; day++) {
            week.add(new ScheduleEntry(day, 1760468400000L + day * 86_400_000L, "Neuro Stream",
                    ScheduleEntryType.values()[day % ScheduleEntryType.values().length]));
        }
        schedules.add(week);
        schedules.add(List.of(new ScheduleEntry(3, Long.MAX_VALUE, "max", ScheduleEntryType.NORMAL),
                new ScheduleEntry(3, Long.MIN_VALUE, "min", ScheduleEntryType.NORMAL)));
        List<EventPayload> payloads = new ArrayList<>();
        for (int weekNumber : new int[] {1, 2, 42, 52, 53}) {
            for (int year : new int[] {2025, 0, -1, Integer.MAX_VALUE}) {
                for (List<ScheduleEntry> schedule : schedules) {
                    for (boolean isFinal : new boolean[] {true, false}) {
                        payloads.add(new ScheduleUpdate(year, weekNumber, schedule, isFinal));
                    }
                }
            }
        }
        return payloads;
    }

    private static List<EventPayload> subathonUpdates() {
        List<Map<String, SubathonGoal>> goalSets = List.of(Map.of(), Map.of("0", GOAL),
                ordered("1000", GOAL, "100000", new SubathonGoal("Evil gets a new model", false, true),
                        "9223372036854775807", new SubathonGoal("", false, false)));
        List<Long> starts = new ArrayList<>();
        starts.add(null);
        starts.add(1764500000000L);
        List<Optional<Long>> ends = new ArrayList<>();
        ends.add(null);
        ends.add(Optional.empty());
        ends.add(Optional.of(1765000000000L));
        List<EventPayload> payloads = new ArrayList<>();
        for (Long start : starts) {
            for (Optional<Long> end : ends) {
                for (Map<String, SubathonGoal> goals : goalSets) {
                    for (boolean isActive : new boolean[] {true, false}) {
                        for (long subcount : new long[] {0L, 132450L, Long.MAX_VALUE}) {
                            payloads.add(new SubathonUpdate(2025, "Neuro-sama Subathon 3", subcount, goals, isActive,
                                    start, end));
                        }
                    }
                }
            }
        }
        return payloads;
    }

    private static List<EventPayload> subathonGoalUpdates() {
        List<EventPayload> payloads = new ArrayList<>();
        for (boolean completed : new boolean[] {true, false}) {
            for (boolean reached : new boolean[] {true, false}) {
                for (long subcount : new long[] {0L, 132450L}) {
                    for (long goalNumber : new long[] {0L, 1000L, -5L, Long.MAX_VALUE}) {
                        payloads.add(new SubathonGoalUpdate(2025, goalNumber,
                                new SubathonGoal("Evil gets a new model", completed, reached), subcount));
                    }
                }
            }
        }
        return payloads;
    }

    private static List<EventPayload> streamOnlines() {
        List<EventPayload> payloads = new ArrayList<>();
        for (List<String> tags : List.of(List.<String>of(), List.of("English"),
                List.of("English", "Programming", "Chatting", "Singing", "Vtuber"))) {
            for (boolean isMature : new boolean[] {true, false}) {
                for (long viewerCount : new long[] {0L, 5799L, Long.MAX_VALUE}) {
                    for (String id : new String[] {"0", "331913732989"}) {
                        payloads.add(new StreamOnline(id, "NEUROSLOP EVIL WASN'T BASED ENOUGH TO DO IT", JUST_CHATTING,
                                "en", tags, isMature, viewerCount, 1766924114000L,
                                "https://static-cdn.jtvnw.net/previews-ttv/live_user_vedal987-{width}x{height}.jpg"));
                    }
                }
            }
        }
        payloads.add(new StreamOnline("1", "", new Game("", ""), "", List.of(""), false, 0L, 0L, ""));
        return payloads;
    }

    private static List<EventPayload> streamUpdates() {
        List<EventPayload> payloads = new ArrayList<>();
        for (boolean isMature : new boolean[] {true, false}) {
            payloads.add(new StreamUpdate("NEUROSLOP EVIL WASN'T BASED ENOUGH TO DO IT", JUST_CHATTING, "en", isMature));
            payloads.add(new StreamUpdate("", new Game("", ""), "", isMature));
        }
        return payloads;
    }

    private static List<EventPayload> streamRaids() {
        List<EventPayload> payloads = new ArrayList<>();
        for (long viewerCount : new long[] {0L, 1L, 5799L, Long.MAX_VALUE}) {
            payloads.add(new StreamRaid(VEDAL, viewerCount));
        }
        payloads.add(new StreamRaid(new RaidChannel("", "", ""), 0L));
        return payloads;
    }

    private static EventPayload randomPayload(EventType type, Random random) {
        return switch (type) {
            case SCHEDULE_UPDATE -> new ScheduleUpdate(random.nextInt(), 1 + random.nextInt(53),
                    randomList(random, 8, () -> new ScheduleEntry(random.nextInt(7), random.nextLong(), text(random),
                            pick(random, ScheduleEntryType.values()))), random.nextBoolean());
            case SUBATHON_UPDATE -> new SubathonUpdate(random.nextInt(), text(random), nonNegative(random),
                    randomGoals(random), random.nextBoolean(),
                    random.nextBoolean() ? null : random.nextLong(), randomEnd(random));
            case SUBATHON_GOAL_UPDATE -> new SubathonGoalUpdate(random.nextInt(), random.nextLong(),
                    randomGoal(random), nonNegative(random));
            case STREAM_ONLINE, SECRETNEUROACCOUNT_ONLINE -> new StreamOnline(digits(random), text(random),
                    randomGame(random), text(random), randomList(random, 6, () -> text(random)), random.nextBoolean(),
                    nonNegative(random), random.nextLong(), text(random));
            case STREAM_UPDATE -> new StreamUpdate(text(random), randomGame(random), text(random), random.nextBoolean());
            case STREAM_OFFLINE -> new StreamOffline();
            case STREAM_RAID_INCOMING, STREAM_RAID_OUTGOING -> new StreamRaid(
                    new RaidChannel(text(random), text(random), text(random)), nonNegative(random));
        };
    }

    private static Optional<Long> randomEnd(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> Optional.empty();
            default -> Optional.of(random.nextLong());
        };
    }

    private static Map<String, SubathonGoal> randomGoals(Random random) {
        Map<String, SubathonGoal> goals = new LinkedHashMap<>();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            goals.put(Long.toString(nonNegative(random)), randomGoal(random));
        }
        return goals;
    }

    private static SubathonGoal randomGoal(Random random) {
        return new SubathonGoal(text(random), random.nextBoolean(), random.nextBoolean());
    }

    private static Game randomGame(Random random) {
        return new Game(text(random), text(random));
    }

    // ------------------------------------------------------------------ messages

    /** Every client message: each event type for addEvent and removeEvent, listEvents, ping, auth. */
    static List<ClientMessage> clientMessages() {
        List<ClientMessage> messages = new ArrayList<>();
        for (EventType type : EventType.documentedOrder()) {
            messages.add(new AddEvent(type));
            messages.add(new RemoveEvent(type));
        }
        messages.add(new ListEventsRequest());
        messages.add(new Ping());
        for (String token : STRINGS) {
            if (!token.isEmpty()) {
                messages.add(new Auth(token));
            }
        }
        return messages;
    }

    /** {@link #RANDOM_PER_TYPE} auth messages with varied tokens, from a fixed seed. */
    static List<ClientMessage> seededAuths() {
        List<ClientMessage> messages = new ArrayList<>();
        Random random = new Random(SEED);
        for (int i = 0; i < RANDOM_PER_TYPE; i++) {
            String token = text(random);
            messages.add(new Auth(token.isEmpty() ? "t" : token));
        }
        return messages;
    }

    /**
     * Every server message: welcome with varied ids, an event for every payload sample of every
     * type, both answers for every event type, listEvents with none and with all subscribed (every other set:
     * {@link #everySubscriptionSet()}), every invalid reason, pong.
     */
    static List<ServerMessage> serverMessages() {
        List<ServerMessage> messages = new ArrayList<>();
        Random random = new Random(SEED + 1);
        for (String id : STRINGS) {
            if (!id.isEmpty()) {
                messages.add(new Welcome(id));
            }
        }
        for (EventType type : EventType.documentedOrder()) {
            for (EventPayload payload : exhaustive(type)) {
                messages.add(new Event(type, payload, random.nextLong()));
            }
            for (boolean flag : new boolean[] {true, false}) {
                messages.add(new AddSuccess(type, flag));
                messages.add(new RemoveSuccess(type, flag));
            }
        }
        messages.add(new Event(EventType.STREAM_OFFLINE, new StreamOffline(), 0L));
        messages.add(new ListEventsReply(List.of(), EventType.documentedOrder()));
        messages.add(new ListEventsReply(EventType.documentedOrder(), EventType.documentedOrder()));
        messages.add(new Pong());
        for (InvalidReason reason : InvalidReason.values()) {
            messages.add(Invalid.of(reason));
            for (String text : STRINGS) {
                messages.add(new Invalid(reason, text));
            }
        }
        return messages;
    }

    /** A listEvents answer for every set of subscribed event types (each subset, in documented order). */
    static List<ServerMessage> everySubscriptionSet() {
        List<EventType> types = EventType.documentedOrder();
        List<ServerMessage> messages = new ArrayList<>();
        for (int set = 0; set < 1 << types.size(); set++) {
            List<EventType> subscribed = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                if ((set & 1 << i) != 0) {
                    subscribed.add(types.get(i));
                }
            }
            messages.add(new ListEventsReply(subscribed, types));
        }
        return messages;
    }

    // ------------------------------------------------------------------ values

    private static String text(Random random) {
        if (random.nextInt(3) == 0) {
            return pick(random, STRINGS);
        }
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) (' ' + random.nextInt(95)));
            } else if (kind < 8) {
                text.appendCodePoint(0xA0 + random.nextInt(0x2F00));
            } else if (kind < 9) {
                text.appendCodePoint(0x1F300 + random.nextInt(0x300));
            } else {
                text.append((char) random.nextInt(0x20));
            }
        }
        return text.toString();
    }

    private static String digits(Random random) {
        return Long.toString(nonNegative(random));
    }

    private static long nonNegative(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0L;
            case 1 -> random.nextInt(10_000);
            default -> random.nextLong() & Long.MAX_VALUE;
        };
    }

    private static <T> List<T> randomList(Random random, int max, Supplier<T> element) {
        List<T> list = new ArrayList<>();
        int count = random.nextInt(max + 1);
        for (int i = 0; i < count; i++) {
            list.add(element.get());
        }
        return list;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static <V> Map<String, V> ordered(String k1, V v1, String k2, V v2, String k3, V v3) {
        Map<String, V> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        map.put(k3, v3);
        return map;
    }
}
