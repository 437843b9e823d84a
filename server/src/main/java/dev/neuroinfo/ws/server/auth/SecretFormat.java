package dev.neuroinfo.ws.server.auth;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The shape of every secret the server hands out and how it is hashed, shared by every token and
 * ticket store (file, memory, Redis) so that a token made by one is a token to all of them.
 * Token secrets are 256 random bits in URL-safe base64 behind a prefix that tells API from admin
 * tokens; token ids are public; tickets are 256 random bits. Stores keep only the SHA-256.
 */
public final class SecretFormat {
    /** Prefix of API token secrets. */
    public static final String API_PREFIX = "nk_";
    /** Prefix of admin token secrets. */
    public static final String ADMIN_PREFIX = "na_";

    private static final int SECRET_BYTES = 32;
    private static final int ID_BYTES = 6;
    private static final int TICKET_BYTES = 32;

    private SecretFormat() {
    }

    /** A new token secret of the given kind. */
    public static String tokenSecret(TokenKind kind) {
        return (kind == TokenKind.ADMIN ? ADMIN_PREFIX : API_PREFIX) + Secrets.randomUrlSafe(SECRET_BYTES);
    }

    /** A new public token id, {@code t_} and 12 hex digits. */
    public static String tokenId() {
        return "t_" + Secrets.randomHex(ID_BYTES);
    }

    /** A new one-time ticket. */
    public static String ticket() {
        return Secrets.randomUrlSafe(TICKET_BYTES);
    }

    /** SHA-256 of a secret's UTF-8 bytes. */
    public static byte[] hash(String secret) {
        return Secrets.sha256(secret);
    }

    /** SHA-256 of a secret as lower-case hex, the form stores use as a lookup key. */
    public static String hashHex(String secret) {
        return HexFormat.of().formatHex(Secrets.sha256(secret));
    }

    /** Compares two hashes in constant time. */
    public static boolean sameHash(byte[] stored, byte[] presented) {
        return MessageDigest.isEqual(stored, presented);
    }
}
