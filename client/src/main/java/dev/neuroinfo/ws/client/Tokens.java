package dev.neuroinfo.ws.client;

/** The one check of an API token, for the builder and {@link NeuroInfoClient#setToken}. */
final class Tokens {
    private Tokens() {
    }

    /**
     * The token without surrounding whitespace.
     *
     * @throws IllegalArgumentException when it is missing, blank, or holds anything but printable
     *                                  ASCII without spaces (it travels in an HTTP header); the
     *                                  message never contains the token
     */
    static String check(String token) {
        if (token == null) {
            throw new IllegalArgumentException("token is required");
        }
        String stripped = token.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("token is blank");
        }
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("token must be printable ASCII without spaces; character "
                        + i + " is not");
            }
        }
        return stripped;
    }
}
