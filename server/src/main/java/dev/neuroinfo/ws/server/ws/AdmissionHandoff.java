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

    /** Parks an admission and returns the key to put in {@link #HEADER}. */
    public String park(Admission admission) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(key, admission);
        return key;
    }

    /** Takes the admission named by a handshake's headers, once; null when there is none. */
    public Admission claim(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (HEADER.equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                return pending.remove(header.getValue().get(0));
            }
        }
        return null;
    }

    /** Drops a parked admission whose handshake never reached the endpoint. */
    public void forget(String key) {
        pending.remove(key);
    }
}
