package dev.neuroinfo.ws.server.config;

import java.util.List;

/** What a Redis setting may hold, checked the same way for the command line and the WAR. */
public final class RedisUris {
    private static final List<String> SCHEMES = List.of("redis://", "rediss://", "redis-sentinel://");

    private RedisUris() {
    }

    /**
     * Rejects a value that is not a Redis URI. The message names the setting but never echoes the
     * value, which may carry a password.
     *
     * @param setting the flag or variable the value came from, for the message
     * @throws IllegalArgumentException when {@code uri} has none of the Redis schemes
     */
    public static String require(String setting, String uri) {
        if (SCHEMES.stream().noneMatch(uri::startsWith)) {
            throw new IllegalArgumentException(setting
                    + " must be a redis://HOST:PORT URI (rediss:// for TLS, redis-sentinel:// for Sentinel)");
        }
        return uri;
    }
}
