package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The server as a newcomer first runs it: {@code --demo} and no other setting. The demo's events
 * reach a subscriber on a real socket, and keepalive runs on the protocol's own timings, which
 * every other test shortens: pings 25 s apart (KA-2), and a silent connection closed with 1001
 * no sooner than 60 s after its handshake and within 5 s after that (KA-4, KA-5). The test waits
 * a minute doing nothing, so it runs beside the other test classes instead of after them
 * (the server module enables JUnit's parallel execution for classes that ask for it).
 */
@Execution(ExecutionMode.CONCURRENT)
class DemoOnDefaultsTest {
    /** The demo's script: one event of each of these types, every 5 s, from 2 s after the start. */
    private static final Set<String> DEMO_TYPES = new TreeSet<>(List.of("scheduleUpdate", "streamOnline",
            "streamUpdate", "subathonUpdate", "subathonGoalUpdate", "streamRaidIncoming", "streamOffline"));
    /** What a loaded machine may add to a timer's period; the protocol's periods are 25 s and 60 s. */
    private static final Duration SCHEDULING = Duration.ofMillis(2500);
    private static final Duration POLL = Duration.ofMillis(100);

    @TempDir
    Path dataDir;

    @Timeout(150)
    @Test
    void demoEventsArriveAndKeepaliveRunsOnTheProtocolsTimings() throws Exception {
        try (ChildServer child = ChildServer.start(dataDir, List.of(), List.of("--demo"))) {
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + child.apiToken);
            // The server starts the silent client's idle time between these two instants: KA-4's
            // "not sooner" is measured from the first, KA-5's "within 5 s" from the second.
            long silentSince = System.nanoTime();
            try (RawWebSocket silent = RawWebSocket.open(child.wsPort(), "/api/ws", bearer);
                    RawWebSocket listener = RawWebSocket.open(child.wsPort(), "/api/ws", bearer)) {
                long silentUpgraded = System.nanoTime();
                assertEquals(101, silent.response().status(), silent.response().body());
                assertEquals(101, listener.response().status(), listener.response().body());
                long listenerOpened = System.nanoTime();
                for (EventType type : EventType.documentedOrder()) {
                    listener.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"" + type.wireName() + "\"}}");
                }
                Set<String> received = new TreeSet<>();
                List<Long> pings = new ArrayList<>();
                RawWebSocket.Frame close = null;
                long deadline = silentSince + Limits.IDLE_TIMEOUT.plusSeconds(15).toNanos();
                while (close == null && System.nanoTime() < deadline) {
                    // the silent client reads what arrives but never answers a ping nor sends anything
                    RawWebSocket.Frame toSilent = silent.readFrame(POLL);
                    if (toSilent != null && toSilent.opcode() == RawWebSocket.CLOSE) {
                        close = toSilent;
                    }
                    RawWebSocket.Frame toListener = listener.readFrame(POLL);
                    if (toListener != null && toListener.opcode() == RawWebSocket.PING) {
                        pings.add(System.nanoTime());
                        listener.sendFrame(RawWebSocket.PONG, toListener.payload(), true);
                    } else if (toListener != null && toListener.opcode() == RawWebSocket.TEXT) {
                        JsonNode message = TestServer.CODEC.parse(toListener.text()).orElseThrow();
                        if ("event".equals(message.path("type").asText())) {
                            received.add(message.path("data").path("eventType").asText());
                        }
                    } else if (toListener != null) {
                        throw new AssertionError("the listener got opcode " + toListener.opcode()
                                + (toListener.opcode() == RawWebSocket.CLOSE ? " code " + toListener.closeCode() : ""));
                    }
                }
                long closedAt = System.nanoTime();
                long closedAfter = closedAt - silentSince;
                long closedAfterUpgrade = closedAt - silentUpgraded;

                RawWebSocket.Frame idleClose = close;
                // every check is reported, so that one run shows each timing that is off
                assertAll(
                        () -> assertNotNull(idleClose, "the silent connection was still open after "
                                + Duration.ofNanos(closedAfter)),
                        () -> assertEquals(CloseReasons.IDLE_TIMEOUT.code(), idleClose == null ? -1 : idleClose.closeCode(),
                                "KA-5: the idle close's code"),
                        () -> assertTrue(closedAfter >= Limits.IDLE_TIMEOUT.toNanos(), "KA-4: closed as idle after "
                                + Duration.ofNanos(closedAfter) + ", sooner than " + Limits.IDLE_TIMEOUT),
                        () -> assertTrue(closedAfterUpgrade <= Limits.IDLE_TIMEOUT.plusSeconds(5).plus(SCHEDULING)
                                        .toNanos(),
                                "KA-5: closed as idle only " + Duration.ofNanos(closedAfterUpgrade) + " after the upgrade"),
                        () -> assertTrue(pings.size() >= 2 && pings.get(0) - listenerOpened
                                        <= Limits.PING_INTERVAL.plus(SCHEDULING).toNanos(),
                                "KA-2: the first ping within " + Limits.PING_INTERVAL + " of the upgrade: "
                                        + gaps(listenerOpened, pings)),
                        () -> assertTrue(pings.size() >= 2 && Math.abs(pings.get(1) - pings.get(0)
                                        - Limits.PING_INTERVAL.toNanos()) <= SCHEDULING.toNanos(),
                                "KA-2: pings " + Limits.PING_INTERVAL + " apart: " + gaps(listenerOpened, pings)),
                        () -> assertEquals(DEMO_TYPES, received, "the demo's events, each of its types once a round"));
                // answering pings kept the listener past the idle timeout (KA-4)
                listener.sendText("{\"type\":\"listEvents\"}");
                String reply = listener.nextText(TestServer.WAIT);
                while (reply != null && reply.contains("\"type\":\"event\"")) {
                    reply = listener.nextText(TestServer.WAIT);
                }
                assertTrue(reply != null && reply.contains("\"type\":\"listEvents\""),
                        "the listener still answered: " + reply);
            }
        }
    }

    /** The pings' arrivals as times since the upgrade, e.g. {@code [PT24.9S, PT49.9S]}. */
    private static List<Duration> gaps(long opened, List<Long> pings) {
        return pings.stream().map(ping -> Duration.ofMillis((ping - opened) / 1_000_000)).toList();
    }
}
