package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.CloseReasons;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.InvalidReason;
import dev.neuroinfo.ws.protocol.codec.ClientDecoding;
import dev.neuroinfo.ws.protocol.message.AddEvent;
import dev.neuroinfo.ws.protocol.message.AddSuccess;
import dev.neuroinfo.ws.protocol.message.Auth;
import dev.neuroinfo.ws.protocol.message.ClientMessage;
import dev.neuroinfo.ws.protocol.message.Invalid;
import dev.neuroinfo.ws.protocol.message.ListEventsReply;
import dev.neuroinfo.ws.protocol.message.MessageTypes;
import dev.neuroinfo.ws.protocol.message.Ping;
import dev.neuroinfo.ws.protocol.message.Pong;
import dev.neuroinfo.ws.protocol.message.RemoveEvent;
import dev.neuroinfo.ws.protocol.message.RemoveSuccess;
import dev.neuroinfo.ws.protocol.message.ServerMessage;
import dev.neuroinfo.ws.protocol.message.Welcome;
import dev.neuroinfo.ws.server.SharedServices;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenRecord;
import dev.neuroinfo.ws.server.limits.SlotLease;
import dev.neuroinfo.ws.server.metrics.InbandOutcome;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The conversation on one connection: welcome (SES-1), subscriptions (SES-4..SES-11), ping (SES-12), invalid
 * input answered and never fatal (MSG-1, MSG-2; the classification of MSG-3..MSG-16 is the
 * codec's), and in-band authentication when the connection came without credentials (IBA-2..IBA-10).
 * It knows its connection only as a {@link SessionPeer}: these rules are the protocol's, whatever
 * carries the frames, and can be checked one by one without a socket.
 */
final class SessionProtocol {
    private final SessionPeer connection;
    private final SharedServices services;
    private final HandshakeGate gate;
    private final ScheduledExecutorService timer;
    private volatile boolean authenticated;
    private ScheduledFuture<?> authDeadline;

    /**
     * @param connection the connection this conversation is on
     * @param services   the codec, the token store, the configuration and metrics
     * @param gate       gives an in-band authenticated connection its slot, as the handshake would
     * @param timer      runs the in-band authentication deadline
     */
    SessionProtocol(SessionPeer connection, SharedServices services, HandshakeGate gate,
            ScheduledExecutorService timer) {
        this.connection = connection;
        this.services = services;
        this.gate = gate;
        this.timer = timer;
    }

    /**
     * Welcomes an authenticated connection, or starts the in-band auth clock (IBA-8). The connection must
     * already be registered, so that a revocation from now on finds it.
     */
    void start() {
        Grant grant = connection.grant();
        if (grant != null) {
            if (outlivesRevocation(grant)) {
                welcome();
            }
        } else {
            long millis = services.config().inbandAuthTimeout().toMillis();
            authDeadline = timer.schedule(() -> {
                // counted only if this closes it: a connection that ended meanwhile did not time out
                if (!authenticated && connection.close(CloseReasons.AUTHENTICATION_TIMEOUT)) {
                    services.metrics().inbandAuth(InbandOutcome.TIMEOUT);
                }
            }, millis, TimeUnit.MILLISECONDS);
        }
    }

    synchronized void onText(String text) {
        ClientDecoding decoding = services.codec().decodeClient(text);
        if (!authenticated) {
            beforeAuthentication(decoding);
            return;
        }
        if (decoding instanceof ClientDecoding.Decoded decoded && !(decoded.message() instanceof Auth)) {
            handle(decoded.message());
        } else if (decoding instanceof ClientDecoding.Rejected rejected && !MessageTypes.AUTH.equals(rejected.type())) {
            reply(rejected.toInvalid());
        } else {
            // auth after welcome, or without in-band mode: not a message this connection accepts
            reply(Invalid.of(InvalidReason.MALFORMED));
        }
    }

    synchronized void onBinary() {
        reply(authenticated ? services.codec().binaryFrame().toInvalid() : Invalid.of(InvalidReason.UNAUTHENTICATED));
    }

    private void handle(ClientMessage message) {
        if (message instanceof AddEvent add) {
            connection.subscribe(add.eventType());
            reply(new AddSuccess(add.eventType(), true));
        } else if (message instanceof RemoveEvent remove) {
            connection.unsubscribe(remove.eventType());
            reply(new RemoveSuccess(remove.eventType(), true));
        } else if (message instanceof Ping) {
            reply(new Pong());
        } else {
            reply(new ListEventsReply(connection.subscriptions(), EventType.documentedOrder()));
        }
    }

    private void beforeAuthentication(ClientDecoding decoding) {
        if (decoding instanceof ClientDecoding.Decoded decoded && decoded.message() instanceof Auth auth) {
            authenticate(auth.token());
        } else if (decoding instanceof ClientDecoding.Rejected rejected && MessageTypes.AUTH.equals(rejected.type())) {
            reply(rejected.toInvalid());
        } else {
            reply(Invalid.of(InvalidReason.UNAUTHENTICATED));
        }
    }

    private void authenticate(String token) {
        Optional<TokenRecord> record;
        try {
            record = services.tokens().verify(token, TokenKind.API);
        } catch (StoreException | RuntimeException e) {
            services.metrics().inbandAuth(InbandOutcome.AUTH_ERROR);
            reply(Invalid.of(InvalidReason.AUTH_ERROR));
            return;
        }
        if (record.isEmpty()) {
            services.metrics().inbandAuth(InbandOutcome.INVALID_TOKEN);
            reply(Invalid.of(InvalidReason.INVALID_TOKEN));
            return;
        }
        Grant grant = Grant.of(record.get());
        Optional<SlotLease> lease;
        try {
            lease = gate.acquire(grant);
        } catch (RuntimeException e) {
            // a shared slot store (Redis) that does not answer: the client may retry
            services.metrics().inbandAuth(InbandOutcome.AUTH_ERROR);
            reply(Invalid.of(InvalidReason.AUTH_ERROR));
            return;
        }
        if (lease.isEmpty()) {
            services.metrics().inbandAuth(InbandOutcome.CONNECTION_LIMIT);
            connection.close(CloseReasons.CONNECTION_LIMIT);
            return;
        }
        if (connection.authenticate(grant, lease.get()) && outlivesRevocation(grant)) {
            services.metrics().inbandAuth(InbandOutcome.OK);
            authenticated = true;
            if (authDeadline != null) {
                authDeadline.cancel(false);
            }
            welcome();
        }
    }

    /**
     * Checks the grant's token again now that a revocation can find this connection (registered,
     * grant set), and closes the connection if the token is gone. A revocation marks the token
     * revoked in the store and then closes the connections it finds: either it found this one, or
     * it marked the token before this check, which then sees it. Checking only before the
     * registration would let a handshake verified just before a revocation, and registered just
     * after its sweep, live on (ADM-6). A store that cannot answer closes the connection too:
     * serving a credential that may be revoked is the one answer that is never right.
     */
    private boolean outlivesRevocation(Grant grant) {
        try {
            if (services.tokens().isLive(grant.tokenId())) {
                return true;
            }
            connection.close(CloseReasons.TOKEN_REVOKED);
        } catch (StoreException | RuntimeException e) {
            System.getLogger(SessionProtocol.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot confirm that token " + grant.tokenId() + " is live: " + e.getMessage());
            connection.close(CloseReasons.AUTHENTICATION_ERROR);
        }
        return false;
    }

    private void welcome() {
        authenticated = true;
        reply(new Welcome(connection.sessionId()));
    }

    private void reply(ServerMessage message) {
        OutboundText text = OutboundText.of(services.codec().encode(message));
        if (connection.send(text)) {
            services.metrics().replySent(text.frameLength());
        }
    }
}
