package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.TwoNodes;
import dev.neuroinfo.ws.server.metrics.ServerMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis for the seams' contract tests of one class, and two links to it standing for two
 * nodes, so every answer one gives must hold for the other. Redis is emptied before each test, so
 * each test starts on a fresh deployment. As a JUnit extension:
 * {@code @RegisterExtension static final RedisNodes redis = new RedisNodes()}.
 */
final class RedisNodes implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private Path dir;
    private RedisProcess redis;
    private RedisLink first;
    private RedisLink second;

    /** The two nodes' links. */
    TwoNodes<RedisLink> links() {
        return new TwoNodes<>(first, second);
    }

    /** A seam made for each node from its link and its node id ({@code node-a}, {@code node-b}). */
    <T> TwoNodes<T> each(BiFunction<RedisLink, String, T> seam) {
        return new TwoNodes<>(seam.apply(first, "node-a"), seam.apply(second, "node-b"));
    }

    /** The Redis itself, for what a test does to it behind the nodes' backs. */
    RedisProcess process() {
        return redis;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("redis-nodes");
        redis = RedisProcess.start(dir);
        first = RedisLink.connect(redis.uri(), new ServerMetrics());
        second = RedisLink.connect(redis.uri(), new ServerMetrics());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!"+OK".equals(redis.command("FLUSHALL"))) {
            throw new IllegalStateException("could not empty Redis before a test");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            for (AutoCloseable link : new AutoCloseable[] {first, second}) {
                if (link != null) {
                    link.close();
                }
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
