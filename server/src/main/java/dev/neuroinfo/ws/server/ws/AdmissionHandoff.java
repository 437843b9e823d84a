package dev.neuroinfo.ws.server.ws;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries an admission from the gate (a container filter) to the endpoint. The standard
 * WebSocket API lets a configurator see only the handshake's headers, so the gate sets one
 * internal header holding an unguessable one-time key; any copy a client sent is replaced.
 */
public final class AdmissionHandoff {
    /** The internal header; clients cannot forge it because its value is a random one-time key. */
    public static final String HEADER = "X-NeuroInfo-Admission";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Admission> pending = new ConcurrentHashMap<>();

    /** Keeps an admission under a new one-time key, and returns the key to put in {@link #HEADER}. */
    public String store(Admission admission) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(key, admission);
        return key;
    }

    /**
     * Removes and returns the admission whose key a handshake's {@link #HEADER} carries; null when
     * there is none, so a second handshake with the same key gets nothing.
     */
    public Admission takeFrom(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (HEADER.equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                return pending.remove(header.getValue().get(0));
            }
        }
        return null;
    }

    /** Removes a stored admission whose handshake never reached the endpoint. */
    public void discard(String key) {
        pending.remove(key);
    }
}
