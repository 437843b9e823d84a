package dev.neuroinfo.ws.server.events;

import java.security.SecureRandom;
import java.util.Base64;

/** Names for new histories. */
public final class Epochs {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Epochs() {
    }

    /**
     * A fresh epoch: 96 random bits, URL-safe base64 (16 characters). Random rather than counted
     * because a lost history also loses any counter kept beside it.
     */
    public static String fresh() {
        byte[] raw = new byte[12];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
