package dev.neuroinfo.ws.server.redis;

import dev.neuroinfo.ws.server.OnFreePort;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server of the test's own, on a free port of 127.0.0.1 with its files in a
 * temporary directory, nothing saved unless asked. It can be stopped and started again on the
 * same port, to play a Redis outage. Missing redis-server fails the test with a clear message:
 * CI installs it (.ci/run), and a cluster test that silently did nothing would prove nothing.
 */
public final class RedisProcess implements AutoCloseable {
    private static final Duration START_WAIT = Duration.ofSeconds(10);
    /** What redis-server logs once it listens. */
    private static final String READY = "Ready to accept connections";

    private final Path dir;
    private final int port;
    private Process process;

    private RedisProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts a redis-server on a free port with its files in {@code dir}. The port is free when
     * chosen but bound only once redis-server runs: when another process took it meanwhile, Redis
     * is started again on another port.
     */
    public static RedisProcess start(Path dir) throws IOException, InterruptedException {
        return OnFreePort.port(port -> {
            RedisProcess redis = new RedisProcess(dir, port);
            redis.start();
            return redis;
        });
    }

    /** Starts (again) on this port; a previous {@link #saveAndStop()}'s data is loaded. */
    void start() throws IOException, InterruptedException {
        String executable = findExecutable();
        Files.createDirectories(dir);
        process = new ProcessBuilder(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        // its own log first: a Redis that could not bind exits, and another one may answer on the port
        while (!Files.readString(dir.resolve("redis.log")).contains(READY) || !"+PONG".equals(command("PING"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-server did not start on port " + port + ":\n"
                        + Files.readString(dir.resolve("redis.log")));
            }
            Thread.sleep(20);
        }
    }

    /** Stops Redis abruptly, losing what it held. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Saves Redis's data to its directory, then stops it: the next {@link #start()} has it again. */
    void saveAndStop() throws InterruptedException {
        if (!"+OK".equals(command("SAVE"))) {
            throw new IllegalStateException("redis-server did not save");
        }
        kill();
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Sends one inline command and returns the first line of the answer, or null when unreachable. */
    String command(String inline) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }

    private static String findExecutable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("redis-server is not installed: the cluster tests need it "
                + "(Debian: apt-get install redis-server; .ci/run installs it)");
    }
}
