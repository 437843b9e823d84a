package dev.neuroinfo.ws.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisUrisTest {
    @ParameterizedTest
    @ValueSource(strings = {"redis://127.0.0.1:6379", "rediss://:pw@cache:6380/0", "redis-sentinel://h:26379/0#main"})
    void acceptsTheRedisSchemes(String uri) {
        assertEquals(uri, RedisUris.require("--redis", uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://user:s3cret@cache:6379", "cache:6379", "", "REDIS://h:1"})
    void rejectsAnythingElseWithoutEchoingIt(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisUris.require("NEUROINFO_REDIS", uri));
        assertTrue(e.getMessage().startsWith("NEUROINFO_REDIS must be a redis://HOST:PORT URI"), e.getMessage());
        assertFalse(!uri.isEmpty() && e.getMessage().contains(uri), "the value, which may hold a password, is not echoed");
        assertFalse(e.getMessage().contains("s3cret"));
    }
}
