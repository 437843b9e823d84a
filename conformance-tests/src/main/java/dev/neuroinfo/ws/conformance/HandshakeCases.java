package dev.neuroinfo.ws.conformance;

import static dev.neuroinfo.ws.conformance.CaseContext.expect;
import static dev.neuroinfo.ws.conformance.Refusals.expectRefusal;

import dev.neuroinfo.ws.wire.Evidence;
import dev.neuroinfo.ws.wire.HandshakeRequest;
import dev.neuroinfo.ws.wire.HttpResponse;
import dev.neuroinfo.ws.conformance.wire.RawWebSocket;
import dev.neuroinfo.ws.protocol.HandshakeError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The WebSocket handshake (docs/protocol.md section 3, GEN-4). */
final class HandshakeCases {
    private HandshakeCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.of("HS-1a", "another path on the WebSocket port gives 404 'Not Found'", Set.of(),
                        c -> expectRefusal(c.handshake(HandshakeRequest.upgrade(otherPath(c)).bearer(c.config().token())),
                                HandshakeError.NOT_FOUND)),
                ConformanceCase.of("HS-2a", "a plain GET (no upgrade headers) on the endpoint is a 4xx, never 101", Set.of(),
                        c -> expect4xx(c.handshake(HandshakeRequest.plain(c.wsPath()).bearer(c.config().token())))),
                ConformanceCase.of("HS-2b", "an upgrade without Sec-WebSocket-Key is a 4xx, never 101", Set.of(),
                        c -> expect4xx(c.handshake(c.upgrade("").without("Sec-WebSocket-Key").bearer(c.config().token())))),
                ConformanceCase.of("HS-3a", "a plain GET gets 426 'Upgrade Required' with Upgrade: websocket", Set.of(),
                        HandshakeCases::upgradeRequired),
                ConformanceCase.of("HS-4a", "a Sec-WebSocket-Key not of 16 bytes gets 400 'Bad Request'", Set.of(),
                        c -> expectRefusal(c.handshake(c.upgrade("").replace("Sec-WebSocket-Key", "c2hvcnQ=")
                                .bearer(c.config().token())), HandshakeError.BAD_REQUEST)),
                ConformanceCase.of("HS-4b", "Sec-WebSocket-Version 8 gets 400 with Sec-WebSocket-Version: 13", Set.of(),
                        HandshakeCases::badVersion),
                ConformanceCase.of("HS-5a", "both credentials work: a ticket in the query and a Bearer token", Set.of(),
                        HandshakeCases::bothCredentials),
                ConformanceCase.of("HS-6a", "with a valid ticket, a bad Authorization header is ignored", Set.of(),
                        c -> c.welcomed(c.handshake(c.upgrade("?ticket=" + c.ticket(c.config().token()))
                                .bearer(TicketEndpointCases.unknownToken())), "101 and welcome: the ticket decides")),
                ConformanceCase.of("HS-6b", "an empty 'ticket=' counts as absent: the Bearer token is used", Set.of(),
                        c -> c.welcomed(c.handshake(c.upgrade("?ticket=").bearer(c.config().token())),
                                "101 and welcome: the token decides")),
                ConformanceCase.of("HS-6c", "an unknown ticket is refused even with a valid Bearer token", Set.of(),
                        c -> expectRefusal(c.handshake(c.upgrade("?ticket=" + unknownTicket()).bearer(c.config().token())),
                                HandshakeError.INVALID_TICKET)),
                ConformanceCase.of("HS-7a", "no credential gives 401 'Missing authentication ...'",
                        Set.of(), c -> missing(c, c.upgrade(""))),
                ConformanceCase.of("HS-7b", "'Authorization: Basic x' gives 401 'Missing authentication ...'",
                        Set.of(), c -> missing(c, c.upgrade("").header("Authorization", "Basic x"))),
                ConformanceCase.of("HS-7c", "'Authorization: Bearer' without a token gives 401 'Missing authentication ...'",
                        Set.of(), c -> missing(c, c.upgrade("").header("Authorization", "Bearer"))),
                ConformanceCase.of("HS-7d", "an empty 'ticket=' and no header gives 401 'Missing authentication ...'",
                        Set.of(), c -> missing(c, c.upgrade("?ticket="))),
                ConformanceCase.of("HS-8a", "an unknown ticket gives 401 'Invalid or expired ticket'", Set.of(),
                        c -> expectRefusal(c.handshake(c.upgrade("?ticket=" + unknownTicket())), HandshakeError.INVALID_TICKET)),
                ConformanceCase.of("HS-9a", "an unknown token gives 401 'Invalid or expired token'", Set.of(),
                        c -> expectRefusal(c.handshake(c.upgrade("").bearer(TicketEndpointCases.unknownToken())),
                                HandshakeError.INVALID_TOKEN)),
                ConformanceCase.of("HS-9b", "an admin token is no API token: 401 'Invalid or expired token'",
                        Set.of(Need.ADMIN_TOKEN), c -> expectRefusal(c.handshake(c.upgrade("").bearer(c.config().adminToken())),
                                HandshakeError.INVALID_TOKEN)),
                ConformanceCase.of("HS-13a", "handshake error bodies are text/plain with the exact texts, never JSON",
                        Set.of(), HandshakeCases::plainText),
                ConformanceCase.of("HS-14a", "handshake errors use 'text/plain; charset=utf-8' and no trailing line break",
                        Set.of(), HandshakeCases::exactPlainText),
                ConformanceCase.of("HS-15a", "checks run in order: path and upgrade validity before credentials",
                        Set.of(), HandshakeCases::order),
                ConformanceCase.of("HS-16a", "a valid token gets 101 with the right Sec-WebSocket-Accept", Set.of(),
                        c -> c.open(c.config().token())),
                ConformanceCase.of("GEN-4a", "no subprotocol is selected and a foreign Origin is accepted", Set.of(),
                        HandshakeCases::noSubprotocol));
    }

    static String unknownTicket() {
        return "conformanceUnknownTicket" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    }

    private static String otherPath(CaseContext c) {
        return c.wsPath().endsWith("/") ? c.wsPath() + "conformance-other" : c.wsPath() + "-conformance-other";
    }

    private static void expect4xx(RawWebSocket.Handshake h) {
        expect(!h.upgraded() && h.response().status() >= 400 && h.response().status() < 500,
                "a 4xx status, never 101", h.upgraded() ? "101 Switching Protocols" : h.response().summary());
    }

    private static void missing(CaseContext c, HandshakeRequest request) throws IOException {
        if (c.config().inbandAuth()) {
            throw new NotApplicable("with --inband-auth a credential-less handshake is accepted (IBA-2)");
        }
        expectRefusal(c.handshake(request), HandshakeError.MISSING_AUTHENTICATION);
    }

    private static void upgradeRequired(CaseContext c) throws IOException {
        RawWebSocket.Handshake h = c.handshake(HandshakeRequest.plain(c.wsPath()).bearer(c.config().token()));
        expectRefusal(h, HandshakeError.UPGRADE_REQUIRED);
        expect(h.response().header("Upgrade").map(v -> v.equalsIgnoreCase("websocket")).orElse(false),
                "header Upgrade: websocket", "Upgrade: " + h.response().header("Upgrade").orElse("absent"));
    }

    private static void badVersion(CaseContext c) throws IOException {
        RawWebSocket.Handshake h = c.handshake(c.upgrade("").replace("Sec-WebSocket-Version", "8")
                .bearer(c.config().token()));
        expectRefusal(h, HandshakeError.BAD_REQUEST);
        expect(h.response().header("Sec-WebSocket-Version").map(v -> v.contains("13")).orElse(false),
                "header Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: "
                        + h.response().header("Sec-WebSocket-Version").orElse("absent"));
    }

    private static void bothCredentials(CaseContext c) throws IOException {
        c.open(c.config().token()).close();
        c.openWithTicket(c.ticket(c.config().token())).close();
    }

    /** One handshake refusal of each kind that needs no server state, by the error expected. */
    private static Map<HandshakeError, HttpResponse> refusals(CaseContext c) throws IOException {
        Map<HandshakeError, HttpResponse> answers = new LinkedHashMap<>();
        answers.put(HandshakeError.NOT_FOUND, c.handshake(HandshakeRequest.upgrade(otherPath(c))
                .bearer(c.config().token())).response());
        if (!c.config().inbandAuth()) {
            answers.put(HandshakeError.MISSING_AUTHENTICATION, c.handshake(c.upgrade("")).response());
        }
        answers.put(HandshakeError.INVALID_TICKET, c.handshake(c.upgrade("?ticket=" + unknownTicket())).response());
        answers.put(HandshakeError.INVALID_TOKEN, c.handshake(c.upgrade("")
                .bearer(TicketEndpointCases.unknownToken())).response());
        return answers;
    }

    private static void plainText(CaseContext c) throws IOException {
        for (Map.Entry<HandshakeError, HttpResponse> e : refusals(c).entrySet()) {
            HttpResponse r = e.getValue();
            String type = r.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            expect(type.equals("text/plain") || type.startsWith("text/plain;"),
                    "Content-Type text/plain for the " + e.getKey().status() + " refusal", r.summary());
            expect(Refusals.bodyMatches(r.bodyText(), e.getKey().body()),
                    "exactly the body " + Evidence.quote(e.getKey().body()), r.summary());
        }
    }

    private static void exactPlainText(CaseContext c) throws IOException {
        for (Map.Entry<HandshakeError, HttpResponse> e : refusals(c).entrySet()) {
            HttpResponse r = e.getValue();
            String type = r.header("Content-Type").orElse("").toLowerCase(Locale.ROOT).replace(" ", "");
            expect(type.equals("text/plain;charset=utf-8"), "Content-Type: text/plain; charset=utf-8", r.summary());
            expect(r.bodyText().equals(e.getKey().body()), "the body exactly " + Evidence.quote(e.getKey().body())
                    + " with no line break", r.summary());
        }
    }

    private static void order(CaseContext c) throws IOException {
        expectRefusal(c.handshake(HandshakeRequest.upgrade(otherPath(c))), HandshakeError.NOT_FOUND);
        expectRefusal(c.handshake(HandshakeRequest.plain(c.wsPath())), HandshakeError.UPGRADE_REQUIRED);
        expectRefusal(c.handshake(c.upgrade("").replace("Sec-WebSocket-Version", "8")), HandshakeError.BAD_REQUEST);
    }

    private static void noSubprotocol(CaseContext c) throws IOException {
        RawWebSocket.Handshake h = c.handshake(c.upgrade("").bearer(c.config().token())
                .header("Sec-WebSocket-Protocol", "chat, superchat")
                .header("Origin", "https://elsewhere.example"));
        c.welcomed(h, "101 and welcome despite a subprotocol offer and a foreign Origin");
        expect(h.response().header("Sec-WebSocket-Protocol").isEmpty(), "no Sec-WebSocket-Protocol in the 101",
                "Sec-WebSocket-Protocol: " + h.response().header("Sec-WebSocket-Protocol").orElse(""));
    }
}
