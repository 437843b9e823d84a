package dev.neuroinfo.ws.server.http;

import java.util.Optional;

/** Reads the credential of an {@code Authorization: Bearer <token>} header (TK-4). */
public final class BearerToken {
    private static final String SCHEME = "Bearer";

    private BearerToken() {
    }

    /**
     * The token of the header: scheme {@code Bearer} in any case, then whitespace, then a
     * non-empty token (surrounding whitespace ignored).
     *
     * @param authorization the header's value, may be {@code null}
     * @return the token, or empty when the header is absent or malformed
     */
    public static Optional<String> parse(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !isWhitespace(authorization.charAt(SCHEME.length()))) {
            return Optional.empty();
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
