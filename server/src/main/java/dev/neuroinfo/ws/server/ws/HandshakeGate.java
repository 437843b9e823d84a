package dev.neuroinfo.ws.server.ws;

import dev.neuroinfo.ws.protocol.ApiUrls;
import dev.neuroinfo.ws.protocol.HandshakeError;
import dev.neuroinfo.ws.server.SharedServices;
import dev.neuroinfo.ws.server.auth.Grant;
import dev.neuroinfo.ws.server.auth.StoreException;
import dev.neuroinfo.ws.server.auth.TokenKind;
import dev.neuroinfo.ws.server.auth.TokenRecord;
import dev.neuroinfo.ws.server.http.BearerToken;
import dev.neuroinfo.ws.server.limits.SlotLease;
import dev.neuroinfo.ws.server.metrics.AuthMethod;
import dev.neuroinfo.ws.server.net.ClientAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides every WebSocket handshake, in the order docs/protocol.md gives (HS-15): path, upgrade
 * validity, credentials, connection limit. Container-neutral: the embedded Grizzly filter and
 * the servlet filter of a WAR both ask it and only render its answer.
 */
public final class HandshakeGate {
    /** The one WebSocket path of the API, as {@link ApiUrls} states it for clients too. */
    public static final String PATH = ApiUrls.WEBSOCKET_PATH;

    /** RFC 6455 4.1: an opening handshake needs HTTP/1.1 or later. */
    private static final Set<String> BEFORE_HTTP_1_1 = Set.of("HTTP/1.0", "HTTP/0.9");

    private final SharedServices services;

    public HandshakeGate(SharedServices services) {
        this.services = services;
    }

    /**
     * Decides a handshake, counts it if refused and logs the refusal to the connection log. Never
     * throws: a failing store is an authentication error.
     */
    public GateDecision decide(HandshakeRequestView request) {
        String client = ClientAddress.resolve(request.peer(), request.header(), services.config().trustedProxies());
        GateDecision decision = decide(request, client);
        // a connection-limit refusal is reported where the user it names is known, in admit()
        if (decision instanceof GateDecision.Rejected rejected && rejected.error() != HandshakeError.CONNECTION_LIMIT) {
            refused(rejected.error(), null, client);
        }
        return decision;
    }

    /** HS-15's order: path (HS-1), upgrade validity (HS-3, HS-4), credentials (HS-5..HS-10), limit (HS-11). */
    private GateDecision decide(HandshakeRequestView request, String client) {
        if (!PATH.equals(request.path())) {
            return reject(HandshakeError.NOT_FOUND);
        }
        if (!isUpgrade(request)) {
            return reject(HandshakeError.UPGRADE_REQUIRED);
        }
        if (!"13".equals(trimmed(request.header().apply("Sec-WebSocket-Version")))
                || BEFORE_HTTP_1_1.contains(request.protocol())
                || !isValidKey(request.header().apply("Sec-WebSocket-Key"))) {
            return reject(HandshakeError.BAD_REQUEST);
        }
        Optional<String> ticket = ticketOf(request.query());
        try {
            if (ticket.isPresent()) {
                Optional<Grant> grant = services.tickets().redeem(ticket.get());
                // a ticket issued while its token was being revoked must not outlive the token
                if (grant.isEmpty() || !services.tokens().isLive(grant.get().tokenId())) {
                    return reject(HandshakeError.INVALID_TICKET);
                }
                services.metrics().ticketRedeemed();
                return admit(grant.get(), AuthMethod.TICKET, client);
            }
            Optional<String> token = BearerToken.parse(request.header().apply("Authorization"));
            if (token.isPresent()) {
                Optional<TokenRecord> record = services.tokens().verify(token.get(), TokenKind.API);
                return record.isPresent() ? admit(Grant.of(record.get()), AuthMethod.HEADER, client)
                        : reject(HandshakeError.INVALID_TOKEN);
            }
        } catch (StoreException | RuntimeException e) {
            System.getLogger(HandshakeGate.class.getName())
                    .log(System.Logger.Level.WARNING, "credential check failed: " + e.getMessage());
            return reject(HandshakeError.AUTHENTICATION_ERROR);
        }
        if (services.config().inbandAuth()) {
            return new GateDecision.Admitted(Admission.pendingAuthentication(client));
        }
        return reject(HandshakeError.MISSING_AUTHENTICATION);
    }

    /**
     * Whether deciding a handshake, and everything else a connection asks of the stores (in-band
     * authentication, the revocation re-check, freeing its slot), is answered from this process's
     * memory, so that a container may run it on the thread that read the request.
     */
    public boolean answersFromMemory() {
        return services.tokens().answersFromMemory() && services.tickets().answersFromMemory()
                && services.slots().answersFromMemory();
    }

    /**
     * Counts and logs a refused handshake, including those refused after the gate let them
     * through (a failed upgrade).
     */
    public void refused(HandshakeError error, String user, String client) {
        services.metrics().handshakeRefused(error);
        ConnectionLog.refused(error, user, client);
    }

    /** Takes a slot for a grant (LIM-1, LIM-3), or refuses for the connection limit naming the user (HS-11). */
    private GateDecision admit(Grant grant, AuthMethod method, String client) {
        Optional<SlotLease> lease = acquire(grant);
        if (lease.isEmpty()) {
            refused(HandshakeError.CONNECTION_LIMIT, grant.user(), client);
            return reject(HandshakeError.CONNECTION_LIMIT);
        }
        return new GateDecision.Admitted(Admission.authenticated(grant, lease.get(), method, client));
    }

    /** A slot for the grant's user; unlimited grants need none (LIM-4). */
    Optional<SlotLease> acquire(Grant grant) {
        return grant.unlimited() ? Optional.of(SlotLease.NONE) : services.slots().acquire(grant.user());
    }

    private static GateDecision reject(HandshakeError error) {
        return new GateDecision.Rejected(error);
    }

    private static boolean isUpgrade(HandshakeRequestView request) {
        String connection = request.header().apply("Connection");
        return "GET".equals(request.method())
                && "websocket".equalsIgnoreCase(trimmed(request.header().apply("Upgrade")))
                && connection != null
                && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    private static boolean isValidKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The first non-empty {@code ticket} query parameter. */
    static Optional<String> ticketOf(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if ("ticket".equals(name) && eq >= 0) {
                String value = decode(pair.substring(eq + 1));
                if (value != null && !value.isEmpty()) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
