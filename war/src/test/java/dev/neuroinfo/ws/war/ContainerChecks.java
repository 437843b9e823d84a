package dev.neuroinfo.ws.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.CloseCodes;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.payload.RaidChannel;
import dev.neuroinfo.ws.protocol.payload.StreamRaid;
import dev.neuroinfo.ws.wire.Frame;
import dev.neuroinfo.ws.wire.HandshakeRequest;
import dev.neuroinfo.ws.wire.HttpReader;
import dev.neuroinfo.ws.wire.RawClient;
import dev.neuroinfo.ws.wire.Sockets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * What a container decides about connections the server closes: revocation (ADM-6) and the slow
 * consumer (LIM-9), which the conformance suite does not run, checked on every container; and the
 * close frames of protocol violations, which the suite runs once each, repeated under load on the
 * embedded containers.
 */
final class ContainerChecks {
    /** Events published at a time to a client that does not read, until the server closes it. */
    static final int BATCH = 250;
    /** More than any container here needs to see that a client does not read (about 48 MB). */
    static final int MAX_FLOOD = 6_000;
    private static final String PADDING = "x".repeat(8_000);
    /** The metrics samples of the open connections, by authentication (docs/operations.md, Monitoring). */
    private static final String OPEN_CONNECTIONS = "neuroinfo_connections{";
    /** How soon a connection dropped right after its 101 gives its slot back, on every container. */
    static final Duration DROP_RELEASE = Duration.ofSeconds(2);
    /**
     * The same, on a container that may notice a connection reset right after its 101 only when
     * the server's idle timeout ends it (Tyrus on Grizzly: Payara, GlassFish).
     */
    static final Duration DROP_RELEASE_AT_IDLE_TIMEOUT = WarConformanceTest.IDLE.plus(DROP_RELEASE);
    /** How long the stalled client may read what was sent to it before the close must have come. */
    static final Duration SLOW_CONSUMER_CLOSE = Duration.ofSeconds(90);
    /** How often each protocol violation is repeated: about 2 s of connections on a quiet machine. */
    static final int VIOLATION_ROUNDS = 40;

    private ContainerChecks() {
    }

    /** Revoking a token closes its open connections with 1008 and refuses its next handshake. */
    static void revocationClosesConnections(URI ws, AdminClient admin) throws Exception {
        AdminClient.Token token = admin.create("revoked", false);
        try (ClosingClients clients = new ClosingClients(ws, token.secret(), 2)) {
            admin.revoke(token);
            assertEquals(List.of(CloseCodes.POLICY_VIOLATION, CloseCodes.POLICY_VIOLATION), clients.closeCodes(10),
                    "each connection of the revoked token closed with 1008 (ADM-6)");
        }
        assertEquals(401, RawHandshake.upgrade(ws, "Bearer " + token.secret()).status());
    }

    /**
     * A subscriber that stops reading is closed once its queue overflows and its slot is freed,
     * while a reading subscriber of the same events gets every one of them (LIM-9). Events are
     * published in batches of {@link #BATCH} until the server counts one connection less (as a slow
     * consumer, or as lost when the container itself gave up writing to it): how
     * many it takes depends on what the container and the kernel buffer in front of the client
     * (the deployment's own queue limit is small), at most {@link #MAX_FLOOD}. The server closes
     * with 1008; the client sees that code only if the container gets the close frame through the
     * full buffers (Tomcat gives up and drops the connection instead), so a drop without close
     * frame counts too.
     */
    static void slowConsumerIsClosed(URI ws, AdminClient admin) throws Exception {
        String type = EventType.STREAM_RAID_INCOMING.wireName();
        Counting reader = new Counting();
        WebSocket healthy = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + admin.create("healthy", false).secret())
                .buildAsync(ws, reader).get(10, TimeUnit.SECONDS);
        String slowToken = admin.create("slow", false).secret();
        try (StalledSubscriber slow = new StalledSubscriber(ws, slowToken, type)) {
            healthy.sendText("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"" + type + "\"}}", true)
                    .get(10, TimeUnit.SECONDS);
            Polls.until("the reading client's subscription", () -> reader.received() >= 2); // welcome, addSuccess
            double openBefore = admin.metricSum(OPEN_CONNECTIONS);
            int published = 0;
            while (admin.metricSum(OPEN_CONNECTIONS) >= openBefore) {
                assertTrue(published < MAX_FLOOD, "the server did not close after " + published + " events of "
                        + PADDING.length() / 1000 + " kB to a client that does not read");
                int first = published;
                admin.publishAll(EventType.STREAM_RAID_INCOMING, IntStream.range(first, first + BATCH)
                        .mapToObj(i -> new StreamRaid(new RaidChannel(PADDING, "n", "1"), i)).toList());
                published += BATCH;
                // The reading client keeps up batch by batch, so only the stalled one falls behind:
                // on a loaded machine a reader left a whole flood behind could itself overflow the
                // deployment's small queue and be closed as a slow consumer too.
                int sent = published;
                Polls.until("the reading client to get the first " + sent + " events", () -> reader.received() >= sent + 2);
            }
            int all = published;
            System.out.println("== slow consumer: " + all + " events published");
            Polls.until("the reading client got all " + all + " events", () -> reader.received() >= all + 2);
            int code = slow.drainToClose(SLOW_CONSUMER_CLOSE);
            assertTrue(code == CloseCodes.POLICY_VIOLATION || code == StalledSubscriber.NO_CLOSE_FRAME,
                    "the stalled client closed with 1008 or dropped, was " + code);
        } finally {
            healthy.abort();
        }
        // the stalled connection's slot is free again: its user opens the whole limit
        try (ClosingClients others = new ClosingClients(ws, slowToken, Limits.MAX_CONNECTIONS_PER_USER - 1)) {
            Polls.until("the stalled client's slot to be free again",
                    () -> RawHandshake.upgrade(ws, "Bearer " + slowToken).status() == 101);
        }
    }

    /**
     * A client that drops TCP right after the 101, with a reset or a plain close, gives its slot
     * back within {@code bound} ({@link #DROP_RELEASE} unless the container cannot). Its user holds
     * the rest of the limit meanwhile, so the slot is free exactly when another handshake of that
     * user is upgraded.
     */
    static void droppedConnectionsFreeTheirSlots(URI ws, AdminClient admin, Duration bound) throws Exception {
        String token = admin.create("dropping", false).secret();
        String bearer = "Bearer " + token;
        try (ClosingClients others = new ClosingClients(ws, token, Limits.MAX_CONNECTIONS_PER_USER - 1)) {
            for (boolean reset : new boolean[] {true, false}) {
                Polls.until("a free slot to drop", () -> RawHandshake.dropAfterUpgrade(ws, bearer, reset));
                long dropped = System.nanoTime();
                Polls.until("the dropped connection's slot", () -> RawHandshake.upgrade(ws, bearer).status() == 101);
                long millis = (System.nanoTime() - dropped) / 1_000_000;
                assertTrue(millis <= bound.toMillis(), "the slot of a connection dropped with "
                        + (reset ? "a reset" : "a close") + " was free after " + millis + " ms, not within "
                        + bound.toMillis() + " ms");
            }
        }
    }

    /**
     * A text frame that is not UTF-8 (the container's close, 1007, MSG-17) and a message over the
     * limit in two fragments (the server's close, 1009, KA-6) are each answered with their close
     * frame, {@link #VIOLATION_ROUNDS} times in a row: the suite checks each once, and a container
     * that gives up writing a close frame after a few milliseconds (Tomcat's default for any code
     * but 1000) loses it now and then on a loaded machine, dropping the connection without it.
     */
    static void protocolViolationsAreClosedWithTheirCode(URI ws, AdminClient admin) throws Exception {
        String token = admin.create("violations", true).secret();
        byte[] notUtf8 = {'{', '"', 't', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};
        byte[] tooBig = new byte[Limits.MAX_CLIENT_MESSAGE_BYTES + 1];
        Arrays.fill(tooBig, (byte) ' ');
        int half = tooBig.length / 2;
        for (int round = 0; round < VIOLATION_ROUNDS; round++) {
            assertEquals("close " + CloseCodes.INVALID_PAYLOAD, closeAfter(ws, token, client ->
                    client.send(true, Frame.TEXT, notUtf8)), "round " + round + ": invalid UTF-8");
            assertEquals("close " + CloseCodes.MESSAGE_TOO_BIG, closeAfter(ws, token, client -> {
                client.send(false, Frame.TEXT, Arrays.copyOfRange(tooBig, 0, half));
                client.send(true, Frame.CONTINUATION, Arrays.copyOfRange(tooBig, half, tooBig.length));
            }), "round " + round + ": a message over the limit in two fragments");
        }
    }

    /** What ends a connection after its welcome and {@code violation}: "close CODE", or how it ended without one. */
    private static String closeAfter(URI ws, String token, Violation violation) throws Exception {
        try (RawClient client = RawClient.open(ws, Duration.ofSeconds(10), 0)) {
            HttpReader.Head head = client.handshake(HandshakeRequest.upgrade(ws.getPath()).bearer(token),
                    Sockets.hostHeader(ws));
            assertEquals(101, head.status(), head.toString());
            client.read(Limits.MAX_CLIENT_MESSAGE_BYTES); // welcome
            violation.send(client);
            while (true) {
                Frame frame;
                try {
                    frame = client.read(Limits.MAX_CLIENT_MESSAGE_BYTES);
                } catch (IOException e) {
                    return "ended without close frame: " + e;
                }
                if (frame.opcode() == Frame.CLOSE) {
                    return "close " + frame.closeCode().orElse(-1);
                }
            }
        }
    }

    /** What a client sends to break the protocol. */
    private interface Violation {
        void send(RawClient client) throws IOException;
    }

    private static final class Counting implements WebSocket.Listener {
        private final AtomicInteger received = new AtomicInteger();
        private volatile String closed;

        /** How many messages arrived; fails at once, saying how, if the server closed this client. */
        int received() {
            if (closed != null) {
                throw new AssertionError("the reading client was closed after " + received.get() + " messages: " + closed);
            }
            return received.get();
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = statusCode + " " + reason;
            return null;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last) {
                received.incrementAndGet();
            }
            webSocket.request(1);
            return null;
        }
    }
}
