package dev.neuroinfo.ws.conformance;

import static dev.neuroinfo.ws.conformance.CaseContext.bearer;
import static dev.neuroinfo.ws.conformance.CaseContext.expect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.wire.HttpResponse;
import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.TicketResponse;
import dev.neuroinfo.ws.schemas.Schemas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The ticket endpoint {@code GET /api/ws/ticket} (docs/protocol.md section 2, GEN-5, GEN-6, LIM-7, LIM-8). */
final class TicketEndpointCases {
    private static final String RATE_PROBE = "rate-limit-exhaustion";

    private TicketEndpointCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.of("TK-1a", "a valid token gets 200 with ticket, expiresIn 30 and usage, valid per schema",
                        Set.of(), TicketEndpointCases::success),
                ConformanceCase.of("TK-2a", "usage is exactly 'Connect with <ws-url>?ticket=<ticket>'",
                        Set.of(), TicketEndpointCases::usage),
                ConformanceCase.of("TK-3a", "tickets are URL-safe, at least 22 characters (128 bits), and differ",
                        Set.of(), TicketEndpointCases::ticketAlphabet),
                ConformanceCase.of("TK-4a", "no Authorization header gives 401 AU1",
                        Set.of(), c -> expectError(c, List.of(), ApiError.AU1)),
                ConformanceCase.of("TK-4b", "'Authorization: Basic x' gives 401 AU1",
                        Set.of(), c -> expectError(c, List.of(Map.entry("Authorization", "Basic x")), ApiError.AU1)),
                ConformanceCase.of("TK-4c", "'Authorization: Bearer' without a token gives 401 AU1",
                        Set.of(), c -> expectError(c, List.of(Map.entry("Authorization", "Bearer")), ApiError.AU1)),
                ConformanceCase.of("TK-5a", "an unknown token gives 401 AU2",
                        Set.of(), c -> expectError(c, bearer(unknownToken()), ApiError.AU2)),
                ConformanceCase.of("TK-8a", "every answer (200, AU1, AU2) has Content-Type application/json",
                        Set.of(), TicketEndpointCases::jsonContentType),
                ConformanceCase.of("TK-9a", "answers carry Cache-Control: no-store",
                        Set.of(), TicketEndpointCases::noStore),
                ConformanceCase.of("TK-10a", "answers carry Access-Control-Allow-Origin: * and expose Retry-After",
                        Set.of(), TicketEndpointCases::corsHeaders),
                ConformanceCase.of("TK-10b", "a CORS preflight is answered 204 without authentication",
                        Set.of(), TicketEndpointCases::preflight),
                ConformanceCase.of("TK-11a", "an unknown path on the HTTP port gives 404 AP3 as JSON",
                        Set.of(), TicketEndpointCases::unknownPath),
                ConformanceCase.of("GEN-6a", "GET /api/health answers 200 {\"status\":\"ok\"} without authentication",
                        Set.of(), TicketEndpointCases::health),
                ConformanceCase.of("TK-6a", "the request after the limit gets 429 RL4 as JSON",
                        Set.of(Need.RATE_LIMIT_TOKEN), TicketEndpointCases::rateLimited),
                ConformanceCase.of("LIM-7a", "a token unused for a minute gets exactly 100 tickets, then 429",
                        Set.of(Need.RATE_LIMIT_TOKEN), TicketEndpointCases::hundredAccepted),
                ConformanceCase.of("LIM-8a", "a 429 carries Retry-After of at least 1 second",
                        Set.of(Need.RATE_LIMIT_TOKEN), TicketEndpointCases::retryAfter));
    }

    /** A token that no server issued: right shape, random content. */
    static String unknownToken() {
        return "conformance-unknown-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    }

    private static void success(CaseContext c) throws IOException {
        HttpResponse r = c.ticketRequest(bearer(c.config().token()));
        expect(r.status() == 200, "200 for a valid token", r.summary());
        JsonNode body = c.json(r.bodyText());
        JsonNode data = body.path("data");
        c.state().secret(data.path("ticket").asText(), "<ticket>");
        long ttl = c.config().ticketTtl().toSeconds();
        expect(data.path("expiresIn").isIntegralNumber() && data.path("expiresIn").longValue() == ttl,
                "data.expiresIn the integer " + ttl + (ttl == Limits.TICKET_TTL.toSeconds() ? "" : " (--ticket-ttl)"),
                r.summary());
        // The schema fixes expiresIn at the protocol's 30; a server configured otherwise is checked
        // against the schema with that one member put back to 30.
        if (body.isObject() && data.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) data).put("expiresIn", Limits.TICKET_TTL.toSeconds());
        }
        List<String> errors = SchemaCheck.errors(Schemas.TICKET_RESPONSE, body.toString());
        expect(errors.isEmpty(), "a body valid per " + Schemas.TICKET_RESPONSE, r.summary() + " violating " + errors);
        expect(data.path("ticket").isTextual() && !data.path("ticket").textValue().isEmpty(),
                "data.ticket a non-empty string", r.summary());
        expect(data.path("usage").isTextual(), "data.usage a string", r.summary());
    }

    private static void usage(CaseContext c) throws IOException {
        HttpResponse r = c.ticketRequest(bearer(c.config().token()));
        JsonNode data = c.json(r.bodyText()).path("data");
        c.state().secret(data.path("ticket").asText(), "<ticket>");
        String expected = TicketResponse.usageFor(c.config().ws().toString());
        expect(expected.equals(data.path("usage").asText(null)), "usage " + quote(expected)
                + " (the --ws URL; the <ticket> placeholder literal)", r.summary());
    }

    private static void ticketAlphabet(CaseContext c) throws IOException {
        String first = c.ticket(c.config().token());
        String second = c.ticket(c.config().token());
        for (String t : List.of(first, second)) {
            expect(t.matches("[A-Za-z0-9_-]{22,}"), "a ticket of at least 22 characters of A-Z a-z 0-9 - _",
                    "a ticket of " + t.length() + " characters"
                            + (t.matches("[A-Za-z0-9_-]*") ? "" : " containing other characters"));
        }
        expect(!first.equals(second), "two tickets to differ", "the same ticket twice");
    }

    private static void expectError(CaseContext c, List<Map.Entry<String, String>> headers, ApiError error)
            throws IOException {
        HttpResponse r = c.ticketRequest(headers);
        expectApiError(c, r, error);
    }

    /** The response is {@code error}'s status with its exact JSON body (GEN-5). */
    static void expectApiError(CaseContext c, HttpResponse r, ApiError error) {
        String expected = error.status() + " " + c.codec().encodeApiError(error);
        expect(r.status() == error.status(), expected, r.summary());
        JsonNode body = c.json(r.bodyText()).path("error");
        expect(error.code().equals(body.path("code").asText(null)) && error.message().equals(body.path("message").asText(null)),
                expected, r.summary());
        List<String> errors = SchemaCheck.errors(Schemas.API_ERROR, r.bodyText());
        expect(errors.isEmpty(), "a body valid per " + Schemas.API_ERROR, r.summary() + " violating " + errors);
    }

    private static List<HttpResponse> sampleAnswers(CaseContext c) throws IOException {
        List<HttpResponse> answers = new ArrayList<>();
        answers.add(c.ticketRequest(bearer(c.config().token())));
        answers.add(c.ticketRequest(List.of()));
        answers.add(c.ticketRequest(bearer(unknownToken())));
        return answers;
    }

    private static void jsonContentType(CaseContext c) throws IOException {
        for (HttpResponse r : sampleAnswers(c)) {
            expectJsonContentType(r);
        }
    }

    private static void noStore(CaseContext c) throws IOException {
        for (HttpResponse r : sampleAnswers(c)) {
            expectNoStore(r);
        }
    }

    private static void corsHeaders(CaseContext c) throws IOException {
        for (HttpResponse r : sampleAnswers(c)) {
            expectCorsHeaders(r);
        }
    }

    private static void preflight(CaseContext c) throws IOException {
        expectPreflight(c, CaseContext.TICKET_PATH);
    }

    /** TK-8: the answer is {@code application/json}. */
    static void expectJsonContentType(HttpResponse r) {
        String type = r.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        expect(type.equals("application/json") || type.startsWith("application/json;"),
                "Content-Type application/json", r.summary());
    }

    /** TK-9: the answer is not to be cached. */
    static void expectNoStore(HttpResponse r) {
        expect(r.header("Cache-Control").map(v -> v.toLowerCase(Locale.ROOT).contains("no-store")).orElse(false),
                "Cache-Control: no-store", r.status() + " with Cache-Control " + r.header("Cache-Control").orElse("absent"));
    }

    /** TK-10: any origin may read the answer, and its Retry-After. */
    static void expectCorsHeaders(HttpResponse r) {
        expect("*".equals(r.header("Access-Control-Allow-Origin").orElse(null)),
                "Access-Control-Allow-Origin: *", r.status() + " with " + r.header("Access-Control-Allow-Origin").orElse("none"));
        expect(r.header("Access-Control-Expose-Headers").map(v -> v.toLowerCase(Locale.ROOT).contains("retry-after"))
                .orElse(false), "Access-Control-Expose-Headers naming Retry-After",
                r.status() + " with " + r.header("Access-Control-Expose-Headers").orElse("none"));
    }

    /** TK-10: a browser's CORS preflight of {@code path} is answered 204 without credentials. */
    static void expectPreflight(CaseContext c, String path) throws IOException {
        HttpResponse r = c.http().exchange("OPTIONS", path, List.of(
                Map.entry("Origin", "https://conformance.example"),
                Map.entry("Access-Control-Request-Method", "GET"),
                Map.entry("Access-Control-Request-Headers", "authorization")), null);
        expect(r.status() == 204, "204 for the preflight of " + path + ", without credentials", r.summary());
        String methods = r.header("Access-Control-Allow-Methods").orElse("");
        expect(methods.contains("GET") && methods.contains("OPTIONS"), "Access-Control-Allow-Methods: GET, OPTIONS",
                "Access-Control-Allow-Methods: " + methods);
        String headers = r.header("Access-Control-Allow-Headers").orElse("").toLowerCase(Locale.ROOT);
        expect(headers.contains("authorization"), "Access-Control-Allow-Headers: Authorization",
                "Access-Control-Allow-Headers: " + headers);
        expect("*".equals(r.header("Access-Control-Allow-Origin").orElse(null)), "Access-Control-Allow-Origin: *",
                r.header("Access-Control-Allow-Origin").orElse("none"));
    }

    private static void unknownPath(CaseContext c) throws IOException {
        HttpResponse r = c.http().exchange("GET", "/api/conformance-no-such-path", bearer(c.config().token()), null);
        expectApiError(c, r, ApiError.AP3);
    }

    private static void health(CaseContext c) throws IOException {
        HttpResponse r = c.http().exchange("GET", "/api/health", List.of(), null);
        expect(r.status() == 200 && "ok".equals(c.json(r.bodyText()).path("status").asText(null)),
                "200 {\"status\":\"ok\"}", r.summary());
    }

    /** Requests tickets with the exhaustible token until the first refusal (at most limit + 1). */
    record Exhaustion(int accepted, HttpResponse refusal, List<String> wire) {
    }

    /** Spends the exhaustible token's ticket budget, once per run; later calls answer the same result. */
    static Exhaustion exhaust(CaseContext c) throws Exception {
        Exhaustion e = c.state().probe(RATE_PROBE, () -> {
            CaseContext own = new CaseContext(c.state());
            int accepted = 0;
            for (int i = 0; i <= Limits.TICKET_REQUESTS_PER_MINUTE; i++) {
                HttpResponse r = own.ticketRequest(bearer(c.config().rateLimitToken()));
                if (r.status() != 200) {
                    return new Exhaustion(accepted, r, own.transcript().tail());
                }
                c.state().secret(own.json(r.bodyText()).path("data").path("ticket").asText(), "<ticket>");
                accepted++;
            }
            return new Exhaustion(accepted, null, own.transcript().tail());
        }).get();
        e.wire().forEach(line -> c.log("(exhaustion) " + line));
        return e;
    }

    private static void rateLimited(CaseContext c) throws Exception {
        Exhaustion e = exhaust(c);
        expect(e.refusal() != null, "a 429 within " + (Limits.TICKET_REQUESTS_PER_MINUTE + 1) + " requests",
                e.accepted() + " tickets accepted in a row");
        expectApiError(c, e.refusal(), ApiError.RL4);
    }

    private static void hundredAccepted(CaseContext c) throws Exception {
        Exhaustion e = exhaust(c);
        expect(e.accepted() == Limits.TICKET_REQUESTS_PER_MINUTE && e.refusal() != null
                        && e.refusal().status() == ApiError.RL4.status(),
                Limits.TICKET_REQUESTS_PER_MINUTE + " tickets accepted, then 429 (the token must not have been used in"
                        + " the last minute)",
                e.accepted() + " accepted, then " + (e.refusal() == null ? "no refusal" : e.refusal().summary()));
    }

    private static void retryAfter(CaseContext c) throws Exception {
        exhaust(c);
        HttpResponse r = c.ticketRequest(bearer(c.config().rateLimitToken()));
        expect(r.status() == ApiError.RL4.status(), "429 for the exhausted token", r.summary());
        expectRetryAfter(r);
    }

    /** LIM-8: a refusal for the rate limit says in whole seconds, within the window, when to retry. */
    static void expectRetryAfter(HttpResponse r) {
        String value = r.header("Retry-After").orElse("");
        expect(value.matches("[0-9]+") && Long.parseLong(value) >= 1
                        && Long.parseLong(value) <= Limits.TICKET_RATE_WINDOW.toSeconds(),
                "Retry-After: whole seconds between 1 and " + Limits.TICKET_RATE_WINDOW.toSeconds(),
                "Retry-After: " + (value.isEmpty() ? "absent" : value));
    }

    private static String quote(String s) {
        return dev.neuroinfo.ws.wire.Evidence.quote(s);
    }
}
