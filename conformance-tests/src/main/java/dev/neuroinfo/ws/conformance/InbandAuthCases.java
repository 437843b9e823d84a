package dev.neuroinfo.ws.conformance;

import static dev.neuroinfo.ws.conformance.CaseContext.expect;

import dev.neuroinfo.ws.conformance.wire.Inbound;
import dev.neuroinfo.ws.conformance.wire.RawWebSocket;
import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.protocol.InvalidReason;
import dev.neuroinfo.ws.protocol.message.MessageTypes;
import dev.neuroinfo.ws.protocol.message.Welcome;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** In-band authentication (docs/protocol.md section 9), for servers run with it on ({@code --inband-auth}). */
final class InbandAuthCases {
    private static final Set<Need> INBAND = Set.of(Need.INBAND_AUTH);
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final String DEADLINE_PROBE = "inband-deadline";

    private InbandAuthCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.of("IBA-2a", "a credential-less handshake is accepted, without welcome", INBAND,
                        InbandAuthCases::acceptedWithoutWelcome),
                ConformanceCase.of("IBA-2b", "a handshake with a token is welcomed at once", INBAND,
                        c -> c.open(c.config().token())),
                ConformanceCase.of("IBA-3a", "auth with a valid token is answered welcome, then the session works",
                        INBAND, InbandAuthCases::authenticates),
                ConformanceCase.of("IBA-4a", "a request before auth -> unauthenticated", INBAND,
                        c -> beforeAuth(c, "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\"}}")),
                ConformanceCase.of("IBA-4b", "malformed input before auth -> unauthenticated", INBAND,
                        c -> beforeAuth(c, "{not json")),
                ConformanceCase.of("IBA-5a", "auth without a token -> missingToken", INBAND,
                        c -> authReply(c, "{\"type\":\"auth\",\"data\":{}}", InvalidReason.MISSING_TOKEN)),
                ConformanceCase.of("IBA-5b", "auth with token \"\" -> missingToken", INBAND,
                        c -> authReply(c, "{\"type\":\"auth\",\"data\":{\"token\":\"\"}}", InvalidReason.MISSING_TOKEN)),
                ConformanceCase.of("IBA-6a", "auth with an unknown token -> invalidToken, and a retry works", INBAND,
                        InbandAuthCases::retry),
                ConformanceCase.waiting("IBA-8a", "a connection not authenticated in time is closed with 1008", INBAND,
                        cfg -> cfg.inbandAuthTimeout().plus(GRACE), InbandAuthCases::deadline),
                ConformanceCase.of("IBA-10a", "auth after welcome -> malformed", INBAND, InbandAuthCases::authAfterWelcome));
    }

    /** Starts the deadline probe in the background if the selected cases need it. */
    static void startEarly(SuiteState state, List<ConformanceCase> selected) {
        boolean wanted = selected.stream().anyMatch(c -> c.id().equals("IBA-8a"));
        boolean runs = state.config().slow() || state.config().inbandAuthTimeout().plus(GRACE)
                .compareTo(ConformanceCase.SLOW_THRESHOLD) <= 0;
        if (wanted && runs && state.config().inbandAuth()) {
            deadlineProbe(state);
        }
    }

    private static Session unauthenticated(CaseContext c) throws Exception {
        RawWebSocket.Handshake h = c.handshake(c.upgrade(""));
        expect(h.upgraded(), "101 for a credential-less handshake in in-band mode", h.response().summary());
        return new Session(h.socket(), c);
    }

    private static void acceptedWithoutWelcome(CaseContext c) throws Exception {
        Session s = unauthenticated(c);
        s.send("{\"type\":\"listEvents\",\"data\":{}}");
        Received first = s.receive("no welcome: the first message is the unauthenticated reply");
        expect(!(first.message() instanceof Welcome), "no welcome before auth", first.raw());
    }

    private static void authenticates(CaseContext c) throws Exception {
        Session s = unauthenticated(c);
        s.send("{\"type\":\"auth\",\"data\":{\"token\":" + c.quoteJson(c.config().token()) + "}}");
        Received r = s.receive("welcome after a valid auth");
        expect(r.message() instanceof Welcome, "welcome after a valid auth", r.raw());
        s.listEvents();
    }

    private static void beforeAuth(CaseContext c, String text) throws Exception {
        Session s = unauthenticated(c);
        s.send(text);
        s.expectInvalidReply(InvalidReason.UNAUTHENTICATED);
    }

    private static void authReply(CaseContext c, String text, InvalidReason reason) throws Exception {
        Session s = unauthenticated(c);
        s.send(text);
        s.expectInvalidReply(reason);
    }

    private static void retry(CaseContext c) throws Exception {
        Session s = unauthenticated(c);
        s.send("{\"type\":\"auth\",\"data\":{\"token\":\"" + TicketEndpointCases.unknownToken() + "\"}}");
        s.expectInvalidReply(InvalidReason.INVALID_TOKEN);
        s.send("{\"type\":\"auth\",\"data\":{\"token\":" + c.quoteJson(c.config().token()) + "}}");
        Received r = s.receive("welcome after the corrected auth");
        expect(r.message() instanceof Welcome, "welcome after the corrected auth", r.raw());
    }

    private record Deadline(Inbound end, long afterMillis, List<String> wire) {
    }

    private static java.util.concurrent.Future<Deadline> deadlineProbe(SuiteState state) {
        return state.probe(DEADLINE_PROBE, () -> {
            try (CaseContext own = new CaseContext(state)) {
                Session s = unauthenticated(own);
                Inbound end = s.awaitEnd(state.config().inbandAuthTimeout().plus(GRACE));
                long after = (System.nanoTime() - s.raw().openedNanos()) / 1_000_000;
                return new Deadline(end, after, own.transcript().tail());
            }
        });
    }

    private static void deadline(CaseContext c) throws Exception {
        Deadline d = deadlineProbe(c.state()).get();
        d.wire().forEach(line -> c.log("(probe) " + line));
        expect(d.end() instanceof Inbound.Closed closed && closed.code() == CloseReasons.AUTHENTICATION_TIMEOUT.code(),
                "close " + CloseReasons.AUTHENTICATION_TIMEOUT.code() + " within "
                        + c.config().inbandAuthTimeout().plus(GRACE).toMillis() + " ms",
                d.end().describe() + " after " + d.afterMillis() + " ms");
    }

    private static void authAfterWelcome(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.expectInvalid("{\"type\":\"" + MessageTypes.AUTH + "\",\"data\":{\"token\":\"x\"}}", InvalidReason.MALFORMED);
    }
}
