package dev.neuroinfo.ws.conformance;

import static dev.neuroinfo.ws.conformance.CaseContext.expect;
import static dev.neuroinfo.ws.conformance.Refusals.expectRefusal;

import dev.neuroinfo.ws.wire.HandshakeRequest;
import dev.neuroinfo.ws.conformance.wire.RawWebSocket;
import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.protocol.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Redeeming tickets at the handshake (TK-12..TK-16). */
final class TicketCases {
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(2);

    private TicketCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.of("TK-16a", "a ticket alone, without any Authorization header, connects", Set.of(),
                        c -> c.openWithTicket(c.ticket(c.config().token()))),
                ConformanceCase.of("TK-13a", "a ticket's second use gets 401 'Invalid or expired ticket'", Set.of(),
                        TicketCases::secondUse),
                ConformanceCase.of("TK-13b", "five simultaneous redemptions of one ticket: exactly one 101", Set.of(),
                        TicketCases::simultaneous),
                ConformanceCase.waiting("TK-12a", "a ticket presented after its lifetime gets 401 'Invalid or expired ticket'",
                        Set.of(), cfg -> cfg.ticketTtl().plus(EXPIRY_MARGIN), TicketCases::expired),
                ConformanceCase.of("TK-14a", "a ticket presented on a wrong path is not consumed", Set.of(),
                        TicketCases::wrongPathKeepsTicket),
                ConformanceCase.of("TK-14b", "a ticket refused with 429 is consumed all the same", Set.of(),
                        TicketCases::refusedTicketConsumed));
    }

    private static void secondUse(CaseContext c) throws Exception {
        String ticket = c.ticket(c.config().token());
        c.openWithTicket(ticket).close();
        expectRefusal(c.handshake(c.upgrade("?ticket=" + ticket)), HandshakeError.INVALID_TICKET);
    }

    private static void simultaneous(CaseContext c) throws Exception {
        String ticket = c.ticket(c.config().token());
        List<RawWebSocket.Handshake> all = Concurrent.handshakes(c, 5, () -> c.upgrade("?ticket=" + ticket));
        long upgraded = all.stream().filter(RawWebSocket.Handshake::upgraded).count();
        expect(upgraded == 1, "exactly one 101 and four 401", Concurrent.statuses(all));
        for (RawWebSocket.Handshake h : all) {
            if (!h.upgraded()) {
                expectRefusal(h, HandshakeError.INVALID_TICKET);
            }
        }
    }

    private static void expired(CaseContext c) throws Exception {
        String ticket = c.ticket(c.config().token());
        Thread.sleep(c.config().ticketTtl().plus(EXPIRY_MARGIN).toMillis());
        expectRefusal(c.handshake(c.upgrade("?ticket=" + ticket)), HandshakeError.INVALID_TICKET);
    }

    private static void wrongPathKeepsTicket(CaseContext c) throws Exception {
        String ticket = c.ticket(c.config().token());
        expectRefusal(c.handshake(HandshakeRequest.upgrade(c.wsPath() + "-conformance-other?ticket=" + ticket)),
                HandshakeError.NOT_FOUND);
        c.openWithTicket(ticket);
    }

    private static void refusedTicketConsumed(CaseContext c) throws Exception {
        List<Session> full = c.openMany(c.config().token(), Limits.MAX_CONNECTIONS_PER_USER);
        String ticket = c.ticket(c.config().token());
        expectRefusal(c.handshake(c.upgrade("?ticket=" + ticket)), HandshakeError.CONNECTION_LIMIT);
        full.get(0).close();
        Session replacement = LimitCases.awaitSlot(c, c.config().token(), Duration.ofSeconds(5));
        replacement.close();
        expectRefusal(c.handshake(c.upgrade("?ticket=" + ticket)), HandshakeError.INVALID_TICKET);
    }
}
