package dev.neuroinfo.ws.conformance;

import static dev.neuroinfo.ws.conformance.CaseContext.expect;

import dev.neuroinfo.ws.conformance.wire.Inbound;
import dev.neuroinfo.ws.protocol.CloseReasons;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Keepalive and idle timeout (KA-1..KA-5). The long observations run as probes on their own
 * connections; with {@code --unlimited-token} or {@code --token2} they start in the background
 * when the run begins, so their waits overlap the other cases.
 */
final class KeepaliveCases {
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final String PING = "keepalive-ping";
    private static final String IDLE = "keepalive-idle";
    private static final String ALIVE = "keepalive-alive";

    private KeepaliveCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.of("KA-3a", "the server answers a ping with a pong carrying the same payload", Set.of(),
                        KeepaliveCases::pong),
                ConformanceCase.of("KA-1a", "the server sends pings", Set.of(), KeepaliveCases::pingArrives),
                ConformanceCase.of("KA-2a", "the first ping comes within the ping interval (25 s)", Set.of(),
                        KeepaliveCases::pingInterval),
                ConformanceCase.waiting("KA-4a", "a client that never answers and sends nothing is closed after the idle"
                        + " timeout (60 s), not sooner", Set.of(), KeepaliveCases::idleWait, KeepaliveCases::idleClosed),
                ConformanceCase.waiting("KA-5a", "the idle close uses code 1001 within 5 s after the idle timeout",
                        Set.of(), KeepaliveCases::idleWait, KeepaliveCases::idleCode),
                ConformanceCase.waiting("KA-4b", "a client that only answers pings stays connected past the idle timeout",
                        Set.of(), KeepaliveCases::idleWait, KeepaliveCases::aliveStays));
    }

    private static Duration idleWait(SuiteConfig config) {
        return config.idleTimeout().plus(GRACE);
    }

    /** The token probes use when they may run beside the other cases, or null (then they run inline with T1). */
    private static String backgroundToken(SuiteConfig config) {
        return config.unlimitedToken() != null ? config.unlimitedToken() : config.token2();
    }

    /** Starts the probes the selected cases need, if they can run in the background. */
    static void startEarly(SuiteState state, List<ConformanceCase> selected) {
        if (backgroundToken(state.config()) == null) {
            return;
        }
        for (ConformanceCase c : selected) {
            switch (c.id()) {
                case "KA-1a", "KA-2a" -> pingProbe(state);
                case "KA-4a", "KA-5a" -> {
                    if (runs(state.config(), c)) {
                        idleProbe(state);
                    }
                }
                case "KA-4b" -> {
                    if (runs(state.config(), c)) {
                        aliveProbe(state);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static boolean runs(SuiteConfig config, ConformanceCase c) {
        return config.slow() || c.longestWait().apply(config).compareTo(ConformanceCase.SLOW_THRESHOLD) <= 0;
    }

    /** What a probe saw: an outcome and its wire log. */
    record Observation(Long firstPingMillis, Long endMillis, Inbound end, boolean aliveAfter, List<String> wire) {
    }

    private static String token(SuiteState state) {
        String t = backgroundToken(state.config());
        return t != null ? t : state.config().token();
    }

    private static java.util.concurrent.Future<Observation> pingProbe(SuiteState state) {
        return state.probe(PING, observe(state, own -> {
            Session s = own.open(token(state));
            long deadline = System.nanoTime() + state.config().pingInterval().plus(GRACE).toNanos();
            while (s.raw().pingArrivals().isEmpty() && System.nanoTime() < deadline && !s.raw().ended()) {
                Thread.sleep(20);
            }
            List<Long> pings = s.raw().pingArrivals();
            Long first = pings.isEmpty() ? null : (pings.get(0) - s.raw().openedNanos()) / 1_000_000;
            return new Observation(first, null, null, false, List.of());
        }));
    }

    private static java.util.concurrent.Future<Observation> idleProbe(SuiteState state) {
        return state.probe(IDLE, observe(state, own -> {
            Session s = own.open(token(state));
            // The idle timeout runs from the client's last frame: the pong to the last ping answered,
            // sent after that ping arrived, or else the handshake, which the server got after it was
            // sent. Measured from here, the silence is never shorter than the server's measure of it.
            List<Long> answered = s.raw().pingArrivals();
            s.raw().answerPings(false);
            long silentSince = answered.isEmpty() ? s.raw().requestSentNanos() : answered.get(answered.size() - 1);
            own.log("(not answering pings and sending nothing from now on)");
            Inbound end = s.awaitEnd(state.config().idleTimeout().plus(GRACE));
            long after = (System.nanoTime() - silentSince) / 1_000_000;
            return new Observation(null, end instanceof Inbound.Timeout ? null : after, end, false, List.of());
        }));
    }

    private static java.util.concurrent.Future<Observation> aliveProbe(SuiteState state) {
        return state.probe(ALIVE, observe(state, own -> {
            Session s = own.open(token(state));
            own.log("(answering pings only, sending nothing else)");
            Inbound end = s.awaitEnd(state.config().idleTimeout().plus(GRACE));
            boolean alive = end instanceof Inbound.Timeout;
            if (alive) {
                s.listEvents();
            }
            return new Observation(null, null, end, alive, List.of());
        }));
    }

    private interface ProbeBody {
        Observation run(CaseContext own) throws Exception;
    }

    private static Callable<Observation> observe(SuiteState state, ProbeBody body) {
        return () -> {
            try (CaseContext own = new CaseContext(state)) {
                Observation o = body.run(own);
                return new Observation(o.firstPingMillis(), o.endMillis(), o.end(), o.aliveAfter(), own.transcript().tail());
            }
        };
    }

    private static Observation await(CaseContext c, java.util.concurrent.Future<Observation> probe) throws Exception {
        Observation o = probe.get();
        o.wire().forEach(line -> c.log("(probe) " + line));
        return o;
    }

    private static void pong(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        byte[] payload = "conformance".getBytes(StandardCharsets.UTF_8);
        s.raw().ping(payload);
        long deadline = System.nanoTime() + c.config().replyTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (s.raw().pongPayloads().stream().anyMatch(p -> Arrays.equals(p, payload))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new CaseFailure("a pong with payload \"conformance\"", "pongs " + s.raw().pongPayloads().stream()
                .map(p -> new String(p, StandardCharsets.UTF_8)).toList());
    }

    private static void pingArrives(CaseContext c) throws Exception {
        Observation o = await(c, pingProbe(c.state()));
        expect(o.firstPingMillis() != null, "a ping within " + c.config().pingInterval().plus(GRACE).toSeconds() + " s",
                "none");
    }

    private static void pingInterval(CaseContext c) throws Exception {
        Observation o = await(c, pingProbe(c.state()));
        long bound = c.config().pingInterval().toMillis() + tolerance(c.config().pingInterval());
        expect(o.firstPingMillis() != null && o.firstPingMillis() <= bound,
                "the first ping within " + bound + " ms of the upgrade",
                o.firstPingMillis() == null ? "no ping" : o.firstPingMillis() + " ms");
    }

    /** Timer tolerance: 10 % plus 1 s, generous for scheduling and network delays. */
    private static long tolerance(Duration d) {
        return d.toMillis() / 10 + 1000;
    }

    private static void idleClosed(CaseContext c) throws Exception {
        Observation o = await(c, idleProbe(c.state()));
        long idle = c.config().idleTimeout().toMillis();
        expect(o.endMillis() != null, "the connection closed by the server within " + (idle + GRACE.toMillis()) + " ms",
                "still open");
        // KA-4 allows no early close, and the silence is measured from its earliest possible start
        expect(o.endMillis() >= idle, "no idle close before " + idle + " ms",
                "closed after " + o.endMillis() + " ms: " + o.end().describe());
    }

    private static void idleCode(CaseContext c) throws Exception {
        Observation o = await(c, idleProbe(c.state()));
        long idle = c.config().idleTimeout().toMillis();
        expect(o.end() instanceof Inbound.Closed closed && closed.code() == CloseReasons.IDLE_TIMEOUT.code()
                        && o.endMillis() <= idle + GRACE.toMillis(),
                "close frame " + CloseReasons.IDLE_TIMEOUT.code() + " within " + (idle + GRACE.toMillis()) + " ms",
                o.end().describe() + (o.endMillis() == null ? "" : " after " + o.endMillis() + " ms"));
    }

    private static void aliveStays(CaseContext c) throws Exception {
        Observation o = await(c, aliveProbe(c.state()));
        expect(o.aliveAfter(), "still connected and answering after " + idleWait(c.config()).toMillis() + " ms",
                o.end().describe());
    }
}
