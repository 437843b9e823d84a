package dev.neuroinfo.ws.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.Race;
import dev.neuroinfo.ws.server.TwoNodeContract;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenStore} does, as the handshake, the ticket endpoint and the admin API rely
 * on it, run against each implementation by a subclass. Two nodes of one deployment share the
 * store: a token made on one is known to the other, and a revocation on one is seen by the other
 * at once (ADM-6).
 */
public abstract class TokenStoreContract extends TwoNodeContract<TokenStore> {
    @Test
    void aTokenVerifiesOnEveryNodeAsItsOwnKindOnly() throws Exception {
        IssuedToken api = a.create("alice\nwith a newline, é", TokenKind.API, true);
        IssuedToken admin = a.create("ops", TokenKind.ADMIN, false);
        assertEquals(new TokenRecord(api.record().id(), "alice\nwith a newline, é", TokenKind.API, true,
                api.record().createdAt()), api.record());
        assertTrue(api.record().id().startsWith("t_"), api.record().id());

        assertEquals(Optional.of(api.record()), b.verify(api.secret(), TokenKind.API));
        assertEquals(Optional.of(admin.record()), b.verify(admin.secret(), TokenKind.ADMIN));
        assertEquals(Optional.empty(), b.verify(api.secret(), TokenKind.ADMIN), "kinds never mix");
        assertEquals(Optional.empty(), b.verify(admin.secret(), TokenKind.API), "kinds never mix");
        assertEquals(Optional.empty(), b.verify(api.secret() + "x", TokenKind.API));
        assertEquals(Optional.empty(), b.verify("", TokenKind.API));
        assertEquals(Optional.empty(), b.verify(null, TokenKind.API));
    }

    @Test
    void secretsCarryTheirKindsPrefixAnd256RandomBits() throws Exception {
        IssuedToken api = a.create("alice", TokenKind.API, false);
        IssuedToken admin = a.create("alice", TokenKind.ADMIN, false);
        assertTrue(api.secret().matches(SecretFormat.API_PREFIX + "[A-Za-z0-9_-]{43}"), api.secret());
        assertTrue(admin.secret().matches(SecretFormat.ADMIN_PREFIX + "[A-Za-z0-9_-]{43}"), admin.secret());
        assertNotEquals(api.record().id(), admin.record().id());
    }

    @Test
    void everyNodeListsEveryLiveTokenOldestFirst() throws Exception {
        IssuedToken first = a.create("u1", TokenKind.API, false);
        IssuedToken second = b.create("u2", TokenKind.ADMIN, false);
        IssuedToken third = a.create("u3", TokenKind.API, true);
        List<TokenRecord> expected = List.of(first.record(), second.record(), third.record()).stream()
                .sorted(Comparator.comparingLong(TokenRecord::createdAt).thenComparing(TokenRecord::id)).toList();
        assertEquals(expected, a.list());
        assertEquals(expected, b.list());
    }

    @Test
    void aTokenRevokedOnOneNodeIsRefusedOnEveryNodeAtOnce() throws Exception {
        IssuedToken doomed = a.create("alice", TokenKind.API, false);
        IssuedToken kept = a.create("bob", TokenKind.API, false);
        assertTrue(a.isLive(doomed.record().id()));

        assertTrue(b.revoke(doomed.record().id()));
        assertEquals(Optional.empty(), a.verify(doomed.secret(), TokenKind.API));
        assertFalse(a.isLive(doomed.record().id()));
        assertEquals(List.of(kept.record()), a.list());
        assertFalse(a.revoke(doomed.record().id()), "already revoked");
        assertEquals(Optional.of(kept.record()), b.verify(kept.secret(), TokenKind.API));
    }

    @Test
    void unknownIdsAreNeitherLiveNorRevocable() throws Exception {
        a.create("alice", TokenKind.API, false);
        assertFalse(b.isLive("t_unknown"));
        assertFalse(b.isLive(null));
        assertFalse(b.revoke("t_unknown"));
        assertFalse(b.revoke(null));
    }

    @Test
    void ofConcurrentRevocationsOfOneTokenOnEveryNodeExactlyOneRevokes() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = a.create("alice", TokenKind.API, false).record().id();
            List<Boolean> revoked = Race.run(8, i -> () -> deployment.either(i).revoke(id));
            assertEquals(1, revoked.stream().filter(r -> r).count(), "round " + round + ": " + revoked);
        }
    }

    @Test
    void concurrentCreatesOnEveryNodeGiveDistinctTokensThatAllVerify() throws Exception {
        List<IssuedToken> made = Race.run(16, i -> () -> deployment.either(i).create("u" + i, TokenKind.API,
                false));
        Set<String> ids = new HashSet<>();
        for (IssuedToken token : made) {
            ids.add(token.record().id());
            assertEquals(Optional.of(token.record()), a.verify(token.secret(), TokenKind.API));
            assertEquals(Optional.of(token.record()), b.verify(token.secret(), TokenKind.API));
        }
        assertEquals(16, ids.size());
        assertEquals(16, b.list().size());
    }
}
