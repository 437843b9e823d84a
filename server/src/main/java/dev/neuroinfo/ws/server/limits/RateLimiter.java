package dev.neuroinfo.ws.server.limits;

/** Admits at most N requests per key within a sliding window. Thread-safe. */
public interface RateLimiter {
    /**
     * Counts one request for the key if it fits.
     *
     * @return 0 when admitted, else the whole seconds (at least 1) until a request would fit
     */
    long tryAcquire(String key);

    /**
     * Whether this limiter answers from this process's memory, never waiting for a network or
     * another node (see {@code TokenStore#answersFromMemory()}); false by default.
     */
    default boolean answersFromMemory() {
        return false;
    }
}
