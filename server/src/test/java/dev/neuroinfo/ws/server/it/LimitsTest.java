package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroinfo.ws.protocol.HandshakeError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-user connection limit and one-time tickets, under concurrency. */
class LimitsTest {
    @RegisterExtension
    static final TestServer server = TestServer.shared();

    /** Runs the same handshake from many threads released at once; returns the sockets. */
    private static List<RawWebSocket> simultaneously(int count, Callable<RawWebSocket> handshake) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<RawWebSocket>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return handshake.call();
                }));
            }
            go.countDown();
            List<RawWebSocket> sockets = new ArrayList<>();
            for (Future<RawWebSocket> future : futures) {
                sockets.add(future.get());
            }
            return sockets;
        } finally {
            pool.shutdown();
        }
    }

    private static long upgraded(List<RawWebSocket> sockets) {
        return sockets.stream().filter(s -> s.response().status() == 101).count();
    }

    private static void closeAll(List<RawWebSocket> sockets) throws IOException {
        for (RawWebSocket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void tenSimultaneousHandshakesGiveExactlyFiveUpgrades() throws Exception {
        String token = server.token("ten");
        List<RawWebSocket> sockets = simultaneously(10,
                () -> RawWebSocket.open(server.wsPort(), "/api/ws", Map.of("Authorization", "Bearer " + token)));
        try {
            assertEquals(5, upgraded(sockets));
            sockets.stream().filter(s -> s.response().status() != 101).forEach(s -> {
                assertEquals(HandshakeError.CONNECTION_LIMIT.status(), s.response().status());
                assertEquals(HandshakeError.CONNECTION_LIMIT.body(), s.response().body());
            });
        } finally {
            closeAll(sockets);
        }
    }

    @Test
    void theLimitCountsTheUserNotTheToken() throws IOException {
        List<RawWebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(server.connect(server.token("shared-user")));
            }
            try (RawWebSocket sixth = RawWebSocket.open(server.wsPort(), "/api/ws",
                    Map.of("Authorization", "Bearer " + server.token("shared-user")))) {
                assertEquals(429, sixth.response().status());
            }
        } finally {
            closeAll(open);
        }
    }

    @Test
    void slotsComeBackAfterACloseAndAfterAReset() throws Exception {
        String token = server.token("release");
        List<RawWebSocket> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(server.connect(token));
        }
        open.get(0).sendFrame(RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xe8}, true);
        assertEquals(1000, open.get(0).awaitClose(TestServer.WAIT, true));
        open.get(1).reset();
        TestServer.await("two slots free", () -> server.server.services().slots().held("release") == 3);
        open.add(server.connect(token));
        open.add(server.connect(token));
        try (RawWebSocket extra = RawWebSocket.open(server.wsPort(), "/api/ws", Map.of("Authorization", "Bearer " + token))) {
            assertEquals(429, extra.response().status());
        }
        closeAll(open);
        TestServer.await("all slots free", () -> server.server.services().slots().held("release") == 0);
    }

    @Test
    void unlimitedTokensPassTheLimitAndHoldNoSlot() throws IOException {
        String token = server.unlimitedToken("vip");
        List<RawWebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                open.add(server.connect(token));
            }
            assertEquals(0, server.server.services().slots().held("vip"));
        } finally {
            closeAll(open);
        }
    }

    @Test
    void aTicketRedeemedConcurrentlyHasExactlyOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            String ticket = server.ticket(server.unlimitedToken("race"));
            List<RawWebSocket> sockets = simultaneously(4,
                    () -> RawWebSocket.open(server.wsPort(), "/api/ws?ticket=" + ticket, Map.of()));
            try {
                assertEquals(1, upgraded(sockets));
                sockets.stream().filter(s -> s.response().status() != 101)
                        .forEach(s -> assertEquals(HandshakeError.INVALID_TICKET.body(), s.response().body()));
            } finally {
                closeAll(sockets);
            }
        }
    }

    @Test
    void aRefusalForTheLimitConsumesTheTicket() throws Exception {
        String token = server.token("consumed");
        List<RawWebSocket> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(server.connect(token));
        }
        String ticket = server.ticket(token);
        try (RawWebSocket refused = RawWebSocket.open(server.wsPort(), "/api/ws?ticket=" + ticket, Map.of())) {
            assertEquals(429, refused.response().status());
        }
        closeAll(open);
        TestServer.await("slots free", () -> server.server.services().slots().held("consumed") == 0);
        try (RawWebSocket again = RawWebSocket.open(server.wsPort(), "/api/ws?ticket=" + ticket, Map.of())) {
            assertEquals(HandshakeError.INVALID_TICKET.body(), again.response().body());
        }
    }
}
