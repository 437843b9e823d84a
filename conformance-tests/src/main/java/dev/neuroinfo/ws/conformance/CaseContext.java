package dev.neuroinfo.ws.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.neuroinfo.ws.wire.Evidence;
import dev.neuroinfo.ws.wire.HandshakeRequest;
import dev.neuroinfo.ws.wire.HttpResponse;
import dev.neuroinfo.ws.conformance.wire.RawHttp;
import dev.neuroinfo.ws.conformance.wire.RawWebSocket;
import dev.neuroinfo.ws.protocol.ApiUrls;
import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Welcome;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a case works with: the configuration, the wire (every exchange is recorded in the case's
 * transcript), and checks that throw {@link CaseFailure} with evidence. Every connection opened
 * through it is closed when the case ends.
 */
final class CaseContext implements AutoCloseable {
    static final String TICKET_PATH = ApiUrls.TICKET_PATH;
    private static final Duration CAPACITY_WAIT = Duration.ofSeconds(5);

    private final SuiteState state;
    private final Transcript transcript;
    private final RawHttp http;
    private final List<RawWebSocket> opened = new CopyOnWriteArrayList<>();

    CaseContext(SuiteState state) {
        this.state = state;
        this.transcript = new Transcript(state.secrets());
        this.http = new RawHttp(state.config().http(), state.config().replyTimeout(), transcript);
    }

    SuiteConfig config() {
        return state.config();
    }

    SuiteState state() {
        return state;
    }

    MessageCodec codec() {
        return state.codec();
    }

    Transcript transcript() {
        return transcript;
    }

    void log(String line) {
        transcript.line(line);
    }

    RawHttp http() {
        return http;
    }

    // ------------------------------------------------------------------ checks

    /** Fails the case unless {@code condition}. */
    static void expect(boolean condition, String expected, String actual) {
        if (!condition) {
            throw new CaseFailure(expected, actual);
        }
    }

    /** Parses JSON strictly with the protocol's parser; a missing node when it is not JSON. */
    JsonNode json(String text) {
        return codec().parse(text).orElse(MissingNode.getInstance());
    }

    String quoteJson(String value) {
        return TextNode.valueOf(value).toString();
    }

    // ------------------------------------------------------------------ ticket endpoint

    /** {@code GET /api/ws/ticket} with exactly these headers. */
    HttpResponse ticketRequest(List<Map.Entry<String, String>> headers) throws IOException {
        return http.exchange("GET", TICKET_PATH, headers, null);
    }

    static List<Map.Entry<String, String>> bearer(String token) {
        return List.of(Map.entry("Authorization", "Bearer " + token));
    }

    /** Gets a ticket for a token, failing the case (TK-1) if the endpoint does not issue one. */
    String ticket(String token) throws IOException {
        HttpResponse response = ticketRequest(bearer(token));
        JsonNode ticket = json(response.bodyText()).path("data").path("ticket");
        expect(response.status() == 200 && ticket.isTextual() && !ticket.textValue().isEmpty(),
                "200 with data.ticket (TK-1)", response.summary());
        state.secret(ticket.textValue(), "<ticket>");
        return ticket.textValue();
    }

    // ------------------------------------------------------------------ handshakes

    /** The WebSocket endpoint's path, e.g. {@code /api/ws}. */
    String wsPath() {
        String path = config().ws().getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** A correct upgrade request for the endpoint path plus {@code query} (e.g. {@code ?ticket=x} or ""). */
    HandshakeRequest upgrade(String query) {
        return HandshakeRequest.upgrade(wsPath() + query);
    }

    URI wsBase() {
        return config().ws();
    }

    RawWebSocket.Handshake handshake(HandshakeRequest request) throws IOException {
        RawWebSocket.Handshake h = RawWebSocket.connect(wsBase(), request, config().replyTimeout(),
                state.nextConnectionLabel(), transcript);
        if (h.upgraded()) {
            opened.add(h.socket());
        }
        return h;
    }

    /** Prepares a handshake whose request is sent later ({@link RawWebSocket.Pending#complete()}). */
    RawWebSocket.Pending prepare(HandshakeRequest request) throws IOException {
        return RawWebSocket.prepare(wsBase(), request, config().replyTimeout(), state.nextConnectionLabel(), transcript);
    }

    /** Registers a connection upgraded outside {@link #handshake} so it is closed with the case. */
    void adopt(RawWebSocket.Handshake h) {
        if (h.upgraded()) {
            opened.add(h.socket());
        }
    }

    /** Opens a session with a bearer token and reads its welcome. */
    Session open(String token) throws IOException {
        return welcomed(handshake(upgrade("").bearer(token)), "101 and welcome for a valid token (HS-16, SES-1)");
    }

    /** Opens a session with a ticket (no Authorization header) and reads its welcome. */
    Session openWithTicket(String ticket) throws IOException {
        return welcomed(handshake(upgrade("?ticket=" + ticket)), "101 and welcome for a valid ticket (TK-16, SES-1)");
    }

    /** The session of an upgraded handshake after its welcome; fails the case otherwise. */
    Session welcomed(RawWebSocket.Handshake h, String expecting) {
        expect(h.upgraded(), expecting, h.response().summary());
        Session s = new Session(h.socket(), this);
        Received first = s.receive("welcome as the first message (SES-1)");
        expect(first.message() instanceof Welcome, "welcome as the first message (SES-1)", Evidence.quote(first.raw()));
        s.sessionId(((Welcome) first.message()).sessionId());
        return s;
    }

    /**
     * Opens {@code n} sessions for a token. A 429 means slots of earlier connections are still
     * being freed: everything is closed and tried again, for a bounded time.
     */
    List<Session> openMany(String token, int n) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CAPACITY_WAIT.toNanos();
        while (true) {
            List<Session> sessions = new ArrayList<>();
            RawWebSocket.Handshake refused = null;
            for (int i = 0; i < n && refused == null; i++) {
                RawWebSocket.Handshake h = handshake(upgrade("").bearer(token));
                if (h.upgraded()) {
                    sessions.add(welcomed(h, "welcome"));
                } else {
                    refused = h;
                }
            }
            if (refused == null) {
                return sessions;
            }
            sessions.forEach(Session::close);
            boolean limit = refused.response().status() == HandshakeError.CONNECTION_LIMIT.status();
            if (!limit || System.nanoTime() > deadline) {
                throw new CaseFailure(n + " connections for one user accepted (LIM-2; the token's user must have no"
                        + " other connections)", refused.response().summary());
            }
            Thread.sleep(200);
        }
    }

    // ------------------------------------------------------------------ events

    EventSource events() {
        if (config().adminToken() != null) {
            return new AdminApiSource(config().adminToken());
        }
        return new CommandSource(config().publishCommand());
    }

    @Override
    public void close() {
        opened.forEach(ws -> ws.closeGracefully(Duration.ofSeconds(1)));
    }
}
