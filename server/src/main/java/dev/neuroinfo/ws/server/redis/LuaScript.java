package dev.neuroinfo.ws.server.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script run atomically by Redis. Sent by its SHA-1 and, when Redis does not know it (first
 * use, or after a Redis restart emptied its script cache), once in full.
 */
final class LuaScript {
    /** Milliseconds of Redis's own clock; every script that reasons about time uses it, never a node's. */
    static final String NOW_MS = "local t = redis.call('TIME')\nlocal now = t[1] * 1000 + math.floor(t[2] / 1000)\n";

    private final String source;
    private final String sha;
    private final ScriptOutputType output;

    LuaScript(String source, ScriptOutputType output) {
        this.source = source;
        this.output = output;
        this.sha = sha1(source);
    }

    /** Runs the script; Lettuce's exceptions (Redis unreachable, timeouts) pass through. */
    <T> T run(RedisCommands<String, String> redis, String[] keys, String... args) {
        try {
            return redis.evalsha(sha, output, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, output, keys, args);
        }
    }

    /** The script's text, for callers that send it without waiting for the answer. */
    String source() {
        return source;
    }

    ScriptOutputType output() {
        return output;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
    }
}
