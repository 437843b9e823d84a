package dev.neuroinfo.ws.conformance;

import static dev.neuroinfo.ws.conformance.CaseContext.expect;
import static dev.neuroinfo.ws.conformance.Refusals.expectRefusal;

import dev.neuroinfo.ws.conformance.wire.Inbound;
import dev.neuroinfo.ws.conformance.wire.RawWebSocket;
import dev.neuroinfo.ws.protocol.CloseCodes;
import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.message.MessageTypes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The per-user connection limit (LIM-1..LIM-6, HS-11) and the inbound message rate (LIM-10). T1's
 * user must have no other connections.
 */
final class LimitCases {
    private static final int MAX = Limits.MAX_CONNECTIONS_PER_USER;
    private static final int BURST = Limits.INBOUND_MESSAGE_BURST;
    private static final String LIST = "{\"type\":\"listEvents\",\"data\":{}}";
    private static final Duration PROMPT_RELEASE = Duration.ofMillis(1500);

    private LimitCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.of("LIM-2a", MAX + " connections of one user are all accepted", Set.of(),
                        c -> c.openMany(c.config().token(), MAX)),
                ConformanceCase.of("HS-11a", "connection " + (MAX + 1) + " gets 429 'Connection limit reached (max 5)'",
                        Set.of(), LimitCases::sixth),
                ConformanceCase.of("LIM-1a", "the limit counts token and ticket connections together", Set.of(),
                        LimitCases::mixedCredentials),
                ConformanceCase.of("LIM-3a", "10 simultaneous handshakes of one user give exactly 5 upgrades", Set.of(),
                        LimitCases::simultaneous),
                ConformanceCase.of("LIM-4a", "an unlimited token opens more than " + MAX + " connections",
                        Set.of(Need.UNLIMITED_TOKEN), c -> c.openMany(c.config().unlimitedToken(), MAX + 2)),
                ConformanceCase.of("LIM-5a", "after a client close, the slot is free again", Set.of(),
                        c -> releasedAfter(c, false, Duration.ofSeconds(5))),
                ConformanceCase.of("LIM-5b", "after an abrupt TCP drop, the slot is free again (at the latest "
                                + "at the idle timeout)", Set.of(),
                        c -> releasedAfter(c, true, c.config().idleTimeout().plusSeconds(5))),
                ConformanceCase.of("LIM-6a", "after a completed close handshake the slot is free within 1 s", Set.of(),
                        c -> releasedAfter(c, false, PROMPT_RELEASE)),
                ConformanceCase.of("LIM-10a", "a burst of " + BURST + " messages sent at once is answered in full",
                        Set.of(), LimitCases::burst),
                ConformanceCase.of("LIM-10b", "twice the burst sent at once closes the connection with 1008 before "
                        + "the last is answered", Set.of(), LimitCases::overRate));
    }

    private static void burst(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.raw().sendTexts(LIST, BURST);
        for (int i = 0; i < BURST; i++) {
            s.replyOfType(MessageTypes.LIST_EVENTS, "the listEvents reply " + (i + 1) + " of " + BURST);
        }
    }

    private static void overRate(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.raw().sendTexts(LIST, 2 * BURST);
        int answered = 0;
        long deadline = System.nanoTime() + c.config().replyTimeout().toNanos();
        while (true) {
            Inbound in = s.raw().next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (in instanceof Inbound.Text) {
                answered++;
                continue;
            }
            // a server that closes with unread input in its socket sends a TCP reset, which may discard
            // the close frame before the client reads it: the end of the connection counts as well
            boolean closed = in instanceof Inbound.Closed frame ? frame.code() == CloseCodes.POLICY_VIOLATION
                    : in instanceof Inbound.Ended;
            expect(closed && answered < 2 * BURST,
                    "a close frame 1008 (or, the frame lost to a reset, the end of the connection) before all "
                            + 2 * BURST + " messages are answered",
                    in.describe() + " after " + answered + " replies");
            return;
        }
    }

    private static void sixth(CaseContext c) throws Exception {
        c.openMany(c.config().token(), MAX);
        expectRefusal(c.handshake(c.upgrade("").bearer(c.config().token())), HandshakeError.CONNECTION_LIMIT);
    }

    private static void mixedCredentials(CaseContext c) throws Exception {
        c.openMany(c.config().token(), MAX - 2);
        c.openWithTicket(c.ticket(c.config().token()));
        c.openWithTicket(c.ticket(c.config().token()));
        expectRefusal(c.handshake(c.upgrade("?ticket=" + c.ticket(c.config().token()))), HandshakeError.CONNECTION_LIMIT);
    }

    private static void simultaneous(CaseContext c) throws Exception {
        c.openMany(c.config().token(), MAX).forEach(Session::close);
        List<RawWebSocket.Handshake> all = Concurrent.handshakes(c, 2 * MAX,
                () -> c.upgrade("").bearer(c.config().token()));
        long upgraded = all.stream().filter(RawWebSocket.Handshake::upgraded).count();
        long limited = all.stream().filter(h -> !h.upgraded()
                && h.response().status() == HandshakeError.CONNECTION_LIMIT.status()).count();
        expect(upgraded == MAX && limited == MAX, MAX + " upgrades and " + MAX + " x 429", Concurrent.statuses(all));
    }

    private static void releasedAfter(CaseContext c, boolean abrupt, Duration bound) throws Exception {
        List<Session> full = c.openMany(c.config().token(), MAX);
        if (abrupt) {
            full.get(0).raw().abort();
            c.log("-> " + full.get(0).raw().label() + " TCP connection dropped without a close frame");
        } else {
            full.get(0).raw().closeGracefully(Duration.ofSeconds(2));
        }
        awaitSlot(c, c.config().token(), bound);
    }

    /** Polls (bounded) until a new connection for the token is accepted; fails with the last refusal. */
    static Session awaitSlot(CaseContext c, String token, Duration bound) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        while (true) {
            RawWebSocket.Handshake h = c.handshake(c.upgrade("").bearer(token));
            if (h.upgraded()) {
                return c.welcomed(h, "welcome");
            }
            if (System.nanoTime() > deadline || h.response().status() != HandshakeError.CONNECTION_LIMIT.status()) {
                throw new CaseFailure("a new connection accepted within " + bound.toMillis() + " ms of the close",
                        h.response().summary() + " after " + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
            Thread.sleep(100);
        }
    }
}
