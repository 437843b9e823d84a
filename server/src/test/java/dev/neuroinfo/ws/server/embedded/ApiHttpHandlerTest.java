package dev.neuroinfo.ws.server.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.StateBackends;
import dev.neuroinfo.ws.server.auth.FailingStores;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TicketStore;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenRecord;
import dev.neuroinfo.ws.server.auth.TokenStore;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.http.ApiApplication;
import dev.neuroinfo.ws.server.http.PlainHttpAddOn;
import dev.neuroinfo.ws.wire.HttpReader;
import dev.neuroinfo.ws.wire.Sockets;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.threadpool.Threads;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded API port's own ticket handler against the Jersey application it stands in for:
 * every request, answered or refused, gets the same bytes from both (a second, Jersey-only listener
 * over the same services answers the same requests), and the handler answers on a selector thread
 * only when every store it asks answers from memory, while every other request runs on a worker.
 */
class ApiHttpHandlerTest {
    private static final Pattern TICKET = Pattern.compile("\"ticket\":\"[A-Za-z0-9_-]{43}\"");
    private static final Pattern RETRY_AFTER = Pattern.compile("Retry-After: ([0-9]+)\r\n");
    /** Grizzly's Date header, to the second: two answers compared may fall on either side of one. */
    private static final Pattern DATE = Pattern.compile("(?i)\r\nDate: [^\r]*");
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void everyAnswerIsTheBytesJerseyWrites() throws Exception {
        Recording stores = new Recording(true);
        try (EmbeddedServer server = stores.start(dataDir)) {
            HttpServer jersey = jerseyOnly(server);
            try {
                int thin = server.httpUri().getPort();
                int reference = jersey.getListeners().iterator().next().getPort();
                String api = server.createToken("alice", TokenKind.API, false).secret();
                String admin = server.createToken("root", TokenKind.ADMIN, false).secret();
                List<String> requests = List.of(
                        get("Authorization: Bearer " + api),
                        get("Authorization: bEaReR   " + api + "  "),
                        get(""),
                        get("Authorization: Basic eDp5"),
                        get("Authorization: Bearer"),
                        get("Authorization: Bearer nk_unknown"),
                        get("Authorization: Bearer " + api + "x"),
                        get("Authorization: Bearer " + admin),
                        get("Authorization: Bearer " + api + "\r\nAuthorization: Bearer nk_unknown"),
                        get("Authorization: Bearer " + api + "\r\nConnection: close"),
                        "GET /api/ws/ticket HTTP/1.0\r\nAuthorization: Bearer " + api + "\r\n\r\n",
                        "GET /api/ws/ticket?x=1 HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + api + "\r\n\r\n",
                        "GET /api/ws/ticket/ HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + api + "\r\n\r\n",
                        "GET /api/ws/%74icket HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + api + "\r\n\r\n",
                        "GET /api/ws/ticket HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + api
                                + "\r\nContent-Length: 2\r\n\r\n{}",
                        "POST /api/ws/ticket HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + api
                                + "\r\nContent-Length: 2\r\n\r\n{}",
                        "HEAD /api/ws/ticket HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + api + "\r\n\r\n",
                        "OPTIONS /api/ws/ticket HTTP/1.1\r\nHost: t\r\n\r\n",
                        "GET /api/health HTTP/1.1\r\nHost: t\r\n\r\n");
                for (String request : requests) {
                    assertSameAnswer(request, thin, reference);
                }

                stores.failing.set(true);
                String failed = exchange(thin, get("Authorization: Bearer " + api));
                assertTrue(failed.startsWith("HTTP/1.1 500 "), failed);
                assertEquals(exchange(reference, get("Authorization: Bearer " + api)), failed);
                stores.failing.set(false);

                // the limit is shared by both listeners (the same services): spend it on the thin
                // one, then both refuse with RL4 and a Retry-After of their own moment
                String limitedToken = server.createToken("bob", TokenKind.API, false).secret();
                String limitedRequest = get("Authorization: Bearer " + limitedToken);
                for (int i = 0; i < server.services().config().ticketRequestsPerMinute(); i++) {
                    String issued = exchange(thin, limitedRequest);
                    assertTrue(issued.startsWith("HTTP/1.1 200 "), "request " + i + ": " + issued);
                }
                String limited = exchange(thin, limitedRequest);
                assertTrue(limited.startsWith("HTTP/1.1 429 "), limited);
                assertTrue(RETRY_AFTER.matcher(limited).find(), limited);
                assertEquals(withoutRetryAfterValue(exchange(reference, limitedRequest)), withoutRetryAfterValue(limited));
            } finally {
                jersey.shutdownNow();
            }
        }
    }

    @Test
    void ticketsAreAnsweredOnTheSelectorOnlyWhenEveryStoreAnswersFromMemory() throws Exception {
        Recording memory = new Recording(true);
        try (EmbeddedServer server = memory.start(dataDir)) {
            String api = server.createToken("alice", TokenKind.API, false).secret();
            String admin = server.createToken("root", TokenKind.ADMIN, false).secret();
            assertTrue(exchange(server.httpUri().getPort(), get("Authorization: Bearer " + api)).startsWith("HTTP/1.1 200 "));
            assertEquals(List.of(true), memory.issuedOnSelector);
            // the admin API may wait on the disk and on fan-outs: never on a selector
            String tokens = exchange(server.httpUri().getPort(),
                    "GET /api/admin/tokens HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + admin + "\r\n\r\n");
            assertTrue(tokens.startsWith("HTTP/1.1 200 "), tokens);
            assertEquals(List.of(true, false), memory.verifiedOnSelector);
        }
        Recording remote = new Recording(false);
        try (EmbeddedServer server = remote.start(dataDir.resolve("remote"))) {
            String api = server.createToken("alice", TokenKind.API, false).secret();
            assertTrue(exchange(server.httpUri().getPort(), get("Authorization: Bearer " + api)).startsWith("HTTP/1.1 200 "));
            assertEquals(List.of(false), remote.issuedOnSelector);
            assertEquals(List.of(false), remote.verifiedOnSelector);
        }
    }

    private static String get(String headers) {
        return "GET /api/ws/ticket HTTP/1.1\r\nHost: t\r\n" + (headers.isEmpty() ? "" : headers + "\r\n") + "\r\n";
    }

    private static void assertSameAnswer(String request, int thin, int reference) throws IOException {
        String expected = TICKET.matcher(exchange(reference, request)).replaceAll("\"ticket\":\"T\"");
        String actual = TICKET.matcher(exchange(thin, request)).replaceAll("\"ticket\":\"T\"");
        assertEquals(expected, actual, request);
    }

    private static String withoutRetryAfterValue(String answer) {
        Matcher seconds = RETRY_AFTER.matcher(answer);
        assertTrue(seconds.find(), answer);
        long value = Long.parseLong(seconds.group(1));
        assertTrue(value >= 1 && value <= 60, answer);
        return seconds.replaceAll("Retry-After: N\r\n");
    }

    /** The Jersey application alone, over the embedded server's services, as the embedded server served it before. */
    private static HttpServer jerseyOnly(EmbeddedServer server) throws IOException {
        // port 0: the listener binds a port of the kernel's choice, which none can take first
        URI uri = URI.create("http://127.0.0.1:0/");
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(uri, new ApiApplication(server.services()), false);
        http.getListeners().forEach(listener -> listener.registerAddOn(new PlainHttpAddOn()));
        http.start();
        return http;
    }

    /**
     * Sends one request on a new connection and reads one whole answer, as its bytes came (head and
     * body as framed, chunked or not), with any {@code Date} header's value masked.
     */
    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = Sockets.open(URI.create("http://127.0.0.1:" + port), SOCKET_TIMEOUT)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            byte[] answer = HttpReader.readResponseBytes(new BufferedInputStream(socket.getInputStream()),
                    request.startsWith("HEAD "));
            return DATE.matcher(new String(answer, StandardCharsets.UTF_8)).replaceAll("\r\nDate: D");
        }
    }

    /**
     * The file token store and the memory ticket store the configuration chooses, wrapped to note
     * on which kind of thread they are asked, to say whether they answer from memory as told, and
     * to fail issuing on demand.
     */
    private static final class Recording {
        final List<Boolean> verifiedOnSelector = new CopyOnWriteArrayList<>();
        final List<Boolean> issuedOnSelector = new CopyOnWriteArrayList<>();
        final AtomicBoolean failing = new AtomicBoolean();
        private final boolean fromMemory;

        Recording(boolean fromMemory) {
            this.fromMemory = fromMemory;
        }

        EmbeddedServer start(Path dir) throws IOException {
            ServerConfig config = ServerConfig.builder().ports(0, 0).dataDir(dir).build();
            return EmbeddedServer.start(config, (chosen, broadcaster) -> {
                assertTrue(chosen.tokens().answersFromMemory() && chosen.tickets().answersFromMemory());
                return new StateBackends(new Tokens(chosen.tokens()), new Tickets(chosen.tickets()), chosen.slots(),
                        chosen.ticketRateLimiter(), chosen.publisher());
            });
        }

        private final class Tokens implements TokenStore {
            private final TokenStore store;

            Tokens(TokenStore store) {
                this.store = store;
            }

            @Override
            public IssuedToken create(String user, TokenKind kind, boolean unlimited) throws StoreException {
                return store.create(user, kind, unlimited);
            }

            @Override
            public Optional<TokenRecord> verify(String secret, TokenKind kind) throws StoreException {
                verifiedOnSelector.add(Threads.isService());
                return store.verify(secret, kind);
            }

            @Override
            public List<TokenRecord> list() throws StoreException {
                return store.list();
            }

            @Override
            public boolean revoke(String id) throws StoreException {
                return store.revoke(id);
            }

            @Override
            public boolean isLive(String id) throws StoreException {
                return store.isLive(id);
            }

            @Override
            public boolean answersFromMemory() {
                return fromMemory;
            }
        }

        private final class Tickets implements TicketStore {
            private final TicketStore store;

            Tickets(TicketStore store) {
                this.store = store;
            }

            @Override
            public String issue(Grant grant, Duration ttl) throws StoreException {
                issuedOnSelector.add(Threads.isService());
                if (failing.get()) {
                    throw FailingStores.failure();
                }
                return store.issue(grant, ttl);
            }

            @Override
            public Optional<Grant> redeem(String ticket) throws StoreException {
                return store.redeem(ticket);
            }

            @Override
            public void revokeAll(String tokenId) throws StoreException {
                store.revokeAll(tokenId);
            }

            @Override
            public boolean answersFromMemory() {
                return fromMemory;
            }
        }
    }
}
