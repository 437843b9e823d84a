package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.OnFreePort;
import dev.neuroinfo.ws.server.cli.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server node in a JVM of its own, started from the test classpath the way an operator starts
 * it ({@code ServerMain run --port P --redis URI}), so that it can be killed with SIGKILL: no
 * shutdown hook, no goodbye to Redis.
 */
final class NodeProcess implements AutoCloseable {
    private static final Duration HEALTH_WAIT = Duration.ofSeconds(10);

    private final ServerProcess.Started started;

    private NodeProcess(ServerProcess.Started started) {
        this.started = started;
    }

    /** Starts a node on a free pair of ports; see {@link #startOn}. */
    static NodeProcess start(Path dataDir, String redisUri) throws IOException, InterruptedException {
        return start(dataDir, redisUri, new String[0]);
    }

    /**
     * As {@link #start(Path, String)}, with more options for {@code run}. The pair of ports is free
     * when chosen but bound only once the node's JVM is up: when another process took it meanwhile,
     * the node is started again on another pair.
     */
    static NodeProcess start(Path dataDir, String redisUri, String... options) throws IOException, InterruptedException {
        return OnFreePort.pair(port -> startOn(port, dataDir, redisUri, options));
    }

    /**
     * Starts a node on {@code port} and {@code port + 1} and returns once it is up: its own banner
     * says that it serves on {@code port}, which it prints only once it bound it, and its health
     * endpoint there answers. An answer on the port alone would not do: another process that took
     * the port answers too, while the node fails to bind it. Fails, the node killed, otherwise.
     */
    static NodeProcess startOn(int port, Path dataDir, String redisUri, String... options)
            throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        List<String> arguments = new ArrayList<>(List.of("run", "--port", Integer.toString(port),
                "--redis", redisUri, "--data-dir", dataDir.toString()));
        arguments.addAll(List.of(options));
        NodeProcess node = new NodeProcess(ServerProcess.startOn(port, ServerProcess.mainCommand(List.of(), arguments),
                ServerProcess.BANNER_WAIT));
        try {
            node.checkItIsUp();
            return node;
        } catch (IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void checkItIsUp() throws IOException, InterruptedException {
        String http = "HTTP API:  " + httpUri();
        if (!started.banner().lines().anyMatch(line -> line.strip().equals(http))) {
            throw new IllegalStateException("the node's banner does not name " + httpUri() + ":\n" + started.banner());
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(HEALTH_WAIT).build();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(httpUri().resolve("/api/health"))
                .timeout(HEALTH_WAIT).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() != 200) {
            throw new IllegalStateException("the node's health answered " + health.statusCode() + ": " + health.body());
        }
    }

    URI httpUri() {
        return URI.create("http://127.0.0.1:" + started.port());
    }

    URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + (started.port() + 1) + "/api/ws");
    }

    /** SIGKILL: the node vanishes mid-flight, leaving whatever it held in Redis. */
    void kill() throws InterruptedException {
        started.server().process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
        // the node is gone: this only removes what ServerProcess kept of it
        started.close();
    }
}
