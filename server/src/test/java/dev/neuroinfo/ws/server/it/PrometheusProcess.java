package dev.neuroinfo.ws.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroinfo.ws.server.Await;
import dev.neuroinfo.ws.server.OnFreePort;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) of the test's own, on a free port
 * of 127.0.0.1, scraping one target every second with an admin token as Bearer, as the operations
 * guide tells operators to. Missing prometheus fails the test with a clear message: the test
 * command installs it (scripts/install-test-tools.sh).
 */
final class PrometheusProcess implements AutoCloseable {
    static final String JOB = "neuroinfo";
    private static final Duration START_WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final URI base;
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusProcess(Process process, URI base, Path dir) {
        this.process = process;
        this.base = base;
        this.dir = dir;
    }

    /** Starts Prometheus scraping {@code target} ({@code host:port}) at {@code /metrics} with the token. */
    static PrometheusProcess start(Path dir, String target, String token) throws IOException, InterruptedException {
        String executable = executable("prometheus");
        Files.createDirectories(dir);
        Path tokenFile = dir.resolve("token");
        Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, token);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: %s
                    metrics_path: /metrics
                    authorization:
                      type: Bearer
                      credentials_file: %s
                    static_configs:
                      - targets: ['%s']
                """.formatted(JOB, tokenFile, target));
        Path log = dir.resolve("prometheus.log");
        return OnFreePort.port(port -> {
            Process process = new ProcessBuilder(executable, "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PrometheusProcess prometheus = new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port), dir);
            try {
                prometheus.awaitReady(log);
                return prometheus;
            } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
                prometheus.close();
                throw e;
            }
        });
    }

    /** Waits until Prometheus is ready; fails with its log when it exits first (e.g. its port was taken). */
    private void awaitReady(Path log) throws IOException, InterruptedException {
        Await.until("Prometheus ready (log: " + log + ")", START_WAIT, () -> !process.isAlive() || ready());
        if (!process.isAlive()) {
            throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
        }
    }

    /** Finds a command on the PATH or in /usr/bin, or fails saying how to get it. */
    static String executable(String name) {
        for (String directory : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin")
                .split(File.pathSeparator)) {
            File candidate = new File(directory, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        throw new IllegalStateException(name + " not found: install Debian's prometheus package "
                + "(scripts/install-test-tools.sh does)");
    }

    private boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The value of an instant query with one result, or empty while it has none. */
    OptionalDouble value(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        JsonNode root = TestServer.CODEC.parse(response.body()).orElseThrow();
        if (response.statusCode() != 200 || !"success".equals(root.path("status").asText())) {
            throw new AssertionError("query " + query + " failed: " + response.body());
        }
        JsonNode result = root.path("data").path("result");
        if (result.size() == 0) {
            return OptionalDouble.empty();
        }
        if (result.size() > 1) {
            throw new AssertionError("query " + query + " has " + result.size() + " results: " + result);
        }
        return OptionalDouble.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
    }

    /** Waits until an instant query's single value equals {@code expected}, failing after {@code bound}. */
    void awaitValue(String query, double expected, Duration bound) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        OptionalDouble last = value(query);
        while (last.isEmpty() || last.getAsDouble() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(query + " was " + (last.isPresent() ? last.getAsDouble() : "absent")
                        + ", expected " + expected + " (Prometheus log: " + dir.resolve("prometheus.log") + ")");
            }
            Thread.sleep(100);
            last = value(query);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
