package dev.neuroinfo.ws.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.codec.ServerDecoding;
import dev.neuroinfo.ws.protocol.message.AddSuccess;
import dev.neuroinfo.ws.protocol.message.Invalid;
import dev.neuroinfo.ws.protocol.message.ListEventsReply;
import dev.neuroinfo.ws.protocol.message.RemoveSuccess;
import dev.neuroinfo.ws.protocol.message.ServerMessage;
import dev.neuroinfo.ws.protocol.message.Welcome;
import dev.neuroinfo.ws.server.ManualTimer;
import dev.neuroinfo.ws.server.NoConnections;
import dev.neuroinfo.ws.server.SharedServices;
import dev.neuroinfo.ws.server.auth.FailingStores;
import dev.neuroinfo.ws.server.auth.FileTokenStore;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.auth.InMemoryTicketStore;
import dev.neuroinfo.ws.server.auth.IssuedToken;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenStore;
import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.limits.InMemoryConnectionSlots;
import dev.neuroinfo.ws.server.limits.SlotLease;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session protocol's rules without a socket: the protocol talks to a {@link SessionPeer} that
 * keeps what it was sent and how it was closed, the stores are the single server's, and the
 * in-band deadline runs on a {@link ManualTimer}. The same rules over real sockets: SessionTest,
 * InbandAuthTest and the conformance suite.
 */
class SessionProtocolTest {
    private static final Duration INBAND_TIMEOUT = Duration.ofSeconds(10);
    private static final int LIMIT = 1;

    @TempDir
    Path dataDir;
    private final MessageCodec codec = new MessageCodec();
    private final ManualTimer timer = new ManualTimer();
    private final InMemoryConnectionSlots slots = new InMemoryConnectionSlots(LIMIT);
    private FileTokenStore tokens;
    private IssuedToken api;

    /** A connection that keeps its replies (decoded) and its close, and holds its subscriptions. */
    private static final class Peer implements SessionPeer {
        final List<String> replies = new ArrayList<>();
        final Set<EventType> subscribed = EnumSet.noneOf(EventType.class);
        final MessageCodec codec = new MessageCodec();
        Grant grant;
        CloseReasons closedFor;
        boolean ended;

        Peer(Grant grant) {
            this.grant = grant;
        }

        @Override
        public String sessionId() {
            return "session-1";
        }

        @Override
        public Grant grant() {
            return grant;
        }

        @Override
        public boolean authenticate(Grant newGrant, SlotLease lease) {
            if (ended) {
                lease.release();
                return false;
            }
            grant = newGrant;
            return true;
        }

        @Override
        public boolean send(OutboundText reply) {
            if (closedFor != null) {
                return false;
            }
            replies.add(describe(((ServerDecoding.Decoded) codec.decodeServer(reply.text())).message()));
            return true;
        }

        @Override
        public boolean close(CloseReasons reason) {
            if (closedFor != null) {
                return false;
            }
            closedFor = reason;
            return true;
        }

        @Override
        public void subscribe(EventType type) {
            subscribed.add(type);
        }

        @Override
        public void unsubscribe(EventType type) {
            subscribed.remove(type);
        }

        @Override
        public List<EventType> subscriptions() {
            return EventType.documentedOrder().stream().filter(subscribed::contains).toList();
        }

        /** {@code welcome:session-1}, {@code addSuccess:streamOnline}, {@code invalid:missingEventtype}, ... */
        private static String describe(ServerMessage message) {
            if (message instanceof Welcome welcome) {
                return "welcome:" + welcome.sessionId();
            } else if (message instanceof AddSuccess add) {
                return "addSuccess:" + add.eventType().wireName();
            } else if (message instanceof RemoveSuccess remove) {
                return "removeSuccess:" + remove.eventType().wireName();
            } else if (message instanceof ListEventsReply list) {
                return "listEvents:" + list.subscribedEvents().stream().map(EventType::wireName).toList()
                        + (list.availableEvents().equals(EventType.documentedOrder()) ? "" : " of " + list.availableEvents());
            } else if (message instanceof Invalid invalid) {
                return "invalid:" + invalid.reason().wireValue();
            }
            return message.toString();
        }
    }

    @BeforeEach
    void openTokens() throws Exception {
        tokens = FileTokenStore.open(dataDir);
        api = tokens.create("alice", TokenKind.API, false);
    }

    private SessionProtocol protocol(Peer peer, TokenStore tokenStore) {
        SharedServices services = new SharedServices(ServerConfig.builder().inbandAuthTimeout(INBAND_TIMEOUT).build(),
                codec, tokenStore, new InMemoryTicketStore(count -> { }), slots, key -> 0, (type, payload) -> 0L,
                NoConnections.NONE, new ServerMetrics(), Optional::empty);
        return new SessionProtocol(peer, services, new HandshakeGate(services), timer);
    }

    private SessionProtocol started(Peer peer) {
        SessionProtocol protocol = protocol(peer, tokens);
        protocol.start();
        return protocol;
    }

    private Peer authenticated() {
        return new Peer(Grant.of(api.record()));
    }

    private static String auth(String token) {
        return "{\"type\":\"auth\",\"data\":{\"token\":\"" + token + "\"}}";
    }

    private static String add(String eventType) {
        return "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"" + eventType + "\"}}";
    }

    private static String remove(String eventType) {
        return "{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"" + eventType + "\"}}";
    }

    private static final String LIST = "{\"type\":\"listEvents\"}";

    // ------------------------------------------------------------ authenticated at the handshake

    @Test
    void aConnectionAuthenticatedAtTheHandshakeIsWelcomedWithItsSessionId() {
        Peer peer = authenticated();
        started(peer);

        assertEquals(List.of("welcome:session-1"), peer.replies);
        assertNull(peer.closedFor);
    }

    @Test
    void aTokenRevokedBeforeTheWelcomeClosesTheConnectionInstead() throws Exception {
        Peer peer = authenticated();
        tokens.revoke(api.record().id());

        started(peer);

        assertEquals(CloseReasons.TOKEN_REVOKED, peer.closedFor);
        assertEquals(List.of(), peer.replies);
    }

    @Test
    void aTokenStoreThatCannotConfirmTheTokenClosesWithAnAuthenticationError() {
        Peer peer = authenticated();
        protocol(peer, new FailingStores.Tokens()).start();

        assertEquals(CloseReasons.AUTHENTICATION_ERROR, peer.closedFor);
        assertEquals(List.of(), peer.replies);
    }

    @Test
    void subscriptionsAreAddedRemovedAndListedEachAnsweredEvenWhenNothingChanges() {
        Peer peer = authenticated();
        SessionProtocol protocol = started(peer);

        protocol.onText(add("streamOnline"));
        protocol.onText(add("streamOnline"));
        protocol.onText(add("scheduleUpdate"));
        assertEquals(EnumSet.of(EventType.STREAM_ONLINE, EventType.SCHEDULE_UPDATE), peer.subscribed);
        protocol.onText(LIST);
        protocol.onText(remove("streamOnline"));
        protocol.onText(remove("streamOnline"));
        protocol.onText(LIST);

        assertEquals(List.of("welcome:session-1", "addSuccess:streamOnline", "addSuccess:streamOnline",
                "addSuccess:scheduleUpdate", "listEvents:[scheduleUpdate, streamOnline]", "removeSuccess:streamOnline",
                "removeSuccess:streamOnline", "listEvents:[scheduleUpdate]"), peer.replies);
        assertEquals(EnumSet.of(EventType.SCHEDULE_UPDATE), peer.subscribed);
    }

    /** SES-12: a ping, its data optional and ignored, is answered pong and changes nothing. */
    @Test
    void aPingIsAnsweredPongAndChangesNothing() {
        Peer peer = authenticated();
        SessionProtocol protocol = started(peer);

        protocol.onText(add("streamOnline"));
        protocol.onText("{\"type\":\"ping\"}");
        protocol.onText("{\"type\":\"ping\",\"data\":[1]}");
        protocol.onText(LIST);

        assertEquals(List.of("welcome:session-1", "addSuccess:streamOnline", "Pong[]", "Pong[]",
                "listEvents:[streamOnline]"), peer.replies);
        assertEquals(EnumSet.of(EventType.STREAM_ONLINE), peer.subscribed);
    }

    @Test
    void everyInvalidMessageIsAnsweredWithItsReasonAndNoneIsFatal() {
        Map<String, String> reasons = Map.of(
                "not json", "invalid:malformed",
                "[1]", "invalid:malformed",
                "{\"type\":\"subscribe\",\"data\":{}}", "invalid:malformed",
                "{\"type\":\"addEvent\"}", "invalid:missingEventtype",
                "{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"\"}}", "invalid:missingEventtype",
                add("streamonline"), "invalid:invalidEventtype",
                auth(api.secret()), "invalid:malformed",
                "{\"type\":\"auth\",\"data\":{}}", "invalid:malformed");
        for (Map.Entry<String, String> input : reasons.entrySet()) {
            Peer peer = authenticated();
            SessionProtocol protocol = started(peer);

            protocol.onText(input.getKey());
            protocol.onText(add("streamOnline"));

            assertEquals(List.of("welcome:session-1", input.getValue(), "addSuccess:streamOnline"), peer.replies,
                    input.getKey());
            assertNull(peer.closedFor, input.getKey());
        }
    }

    @Test
    void aBinaryFrameIsMalformed() {
        Peer peer = authenticated();
        SessionProtocol protocol = started(peer);

        protocol.onBinary();

        assertEquals(List.of("welcome:session-1", "invalid:malformed"), peer.replies);
        assertNull(peer.closedFor);
    }

    // ------------------------------------------------------------ in-band authentication

    @Test
    void beforeAuthenticationEveryOtherMessageIsUnauthenticatedAndChangesNothing() {
        Peer peer = new Peer(null);
        SessionProtocol protocol = started(peer);

        protocol.onText(add("streamOnline"));
        protocol.onText(LIST);
        protocol.onText("{\"type\":\"ping\"}");
        protocol.onText("not json");
        protocol.onBinary();

        assertEquals(List.of("invalid:unauthenticated", "invalid:unauthenticated", "invalid:unauthenticated",
                "invalid:unauthenticated", "invalid:unauthenticated"), peer.replies);
        assertTrue(peer.subscribed.isEmpty());
        assertNull(peer.closedFor);
    }

    @Test
    void aMalformedAuthMessageIsAnsweredWithItsReason() {
        Peer peer = new Peer(null);
        SessionProtocol protocol = started(peer);

        protocol.onText("{\"type\":\"auth\",\"data\":{}}");
        protocol.onText("{\"type\":\"auth\",\"data\":{\"token\":42}}");

        assertEquals(List.of("invalid:missingToken", "invalid:invalidToken"), peer.replies);
        assertNull(peer.grant);
    }

    @Test
    void aWrongTokenMayBeFollowedByTheRightOneWhichWelcomesAndHolds() {
        Peer peer = new Peer(null);
        SessionProtocol protocol = started(peer);

        protocol.onText(auth("nk_wrong"));
        assertEquals(List.of("invalid:invalidToken"), peer.replies);
        protocol.onText(auth(api.secret()));
        protocol.onText(add("streamOnline"));
        protocol.onText(auth(api.secret()));

        assertEquals(List.of("invalid:invalidToken", "welcome:session-1", "addSuccess:streamOnline", "invalid:malformed"),
                peer.replies, "after the welcome an auth message is not one this connection accepts");
        assertEquals(api.record().id(), peer.grant.tokenId());
        assertEquals(1, slots.held("alice"), "the in-band connection took its slot");
        timer.advance(INBAND_TIMEOUT.multipliedBy(2));
        assertNull(peer.closedFor, "the deadline does not close an authenticated connection");
    }

    @Test
    void anAdminTokenDoesNotAuthenticateAConnection() throws Exception {
        Peer peer = new Peer(null);
        SessionProtocol protocol = started(peer);

        protocol.onText(auth(tokens.create("root", TokenKind.ADMIN, false).secret()));

        assertEquals(List.of("invalid:invalidToken"), peer.replies);
    }

    @Test
    void noAuthenticationWithinTheTimeoutClosesTheConnectionExactlyThen() {
        Peer peer = new Peer(null);
        SessionProtocol protocol = started(peer);
        protocol.onText(auth("nk_wrong"));

        timer.advance(INBAND_TIMEOUT.minusMillis(1));
        assertNull(peer.closedFor);
        timer.advance(Duration.ofMillis(1));

        assertEquals(CloseReasons.AUTHENTICATION_TIMEOUT, peer.closedFor);
    }

    @Test
    void aTokenStoreThatCannotAnswerIsAnAuthErrorTheClientMayRetry() {
        Peer peer = new Peer(null);
        SessionProtocol protocol = protocol(peer, new FailingStores.Tokens());
        protocol.start();

        protocol.onText(auth(api.secret()));

        assertEquals(List.of("invalid:authError"), peer.replies);
        assertNull(peer.closedFor);
    }

    @Test
    void aUserAtTheConnectionLimitIsClosedWhenAuthenticatingInBand() {
        slots.acquire("alice").orElseThrow();
        Peer peer = new Peer(null);
        SessionProtocol protocol = started(peer);

        protocol.onText(auth(api.secret()));

        assertEquals(CloseReasons.CONNECTION_LIMIT, peer.closedFor);
        assertEquals(List.of(), peer.replies);
    }

    @Test
    void aConnectionThatEndedWhileAuthenticatingIsNotWelcomedAndGivesItsSlotBack() {
        Peer peer = new Peer(null);
        SessionProtocol protocol = started(peer);
        peer.ended = true;

        protocol.onText(auth(api.secret()));

        assertEquals(List.of(), peer.replies);
        assertEquals(0, slots.held("alice"));
    }
}
