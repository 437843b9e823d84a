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
    private static final Duration START_WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private NodeProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a node on a free pair of ports and waits until its HTTP API answers. */
    static NodeProcess start(Path dataDir, String redisUri) throws IOException, InterruptedException {
        return start(dataDir, redisUri, new String[0]);
    }

    /**
     * As {@link #start(Path, String)}, with more options for {@code run}. The pair of ports is free
     * when chosen but bound only once the node's JVM is up: when another process took it meanwhile,
     * the node is started again on another pair.
     */
    static NodeProcess start(Path dataDir, String redisUri, String... options) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("node.log");
        return OnFreePort.pair(port -> {
            List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-cp", System.getProperty("java.class.path"),
                    "dev.neuroinfo.ws.server.cli.ServerMain", "run", "--port", Integer.toString(port),
                    "--redis", redisUri, "--data-dir", dataDir.toString()));
            command.addAll(List.of(options));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            NodeProcess node = new NodeProcess(process, port, log);
            try {
                node.awaitHealthy();
                return node;
            } catch (IOException | InterruptedException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        });
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(httpUri() + "/api/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node did not come up within " + START_WAIT.toSeconds() + " s:\n"
                        + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    URI httpUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + (port + 1) + "/api/ws");
    }

    /** SIGKILL: the node vanishes mid-flight, leaving whatever it held in Redis. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

}
