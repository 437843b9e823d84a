package dev.neuroinfo.ws.war;

import dev.neuroinfo.ws.server.OnFreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A container's standalone distribution (unpacked by the build from Maven Central), installed and
 * run as a separate process as an operator would: the operator's files from {@code src/deploy/},
 * started with its own scripts, stopped with SIGTERM (or its documented stop command).
 *
 * <p>The container runs in a process group of its own, watched by a small shell loop that kills the
 * whole group once the test JVM is gone: a container (and whatever its launcher started) never
 * outlives the test run, even when the JVM is killed without running its shutdown hooks.
 */
abstract class StandaloneServer implements AutoCloseable {
    /** What the WAR logs once per successful deployment. */
    static final String DEPLOYED = "neuroinfo-ws deployed at";
    private static final int START_SECONDS = 180;
    private static final Duration START_BOUND = Duration.ofSeconds(START_SECONDS);
    private static final Duration STOP_BOUND = Duration.ofSeconds(60);
    private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Kills the container's process group ($2) once the test JVM ($1) or the container has ended. */
    private static final String WATCHDOG = "while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 1; done;"
            + " kill -9 \"-$2\" 2>/dev/null";

    final String name;
    final Path home;
    final Path base;
    final Path dataDir;
    final int port;
    final Path war;
    private final Path console;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;

    /**
     * @param name the container, for directories and reports
     * @param work a fresh directory for this run
     * @param war  the packaged WAR
     */
    StandaloneServer(String name, Path work, Path war) throws IOException {
        this.name = name;
        this.home = distribution(Path.of(System.getProperty("neuroinfo.dist", "target/dist")).resolve(name));
        this.base = work.resolve(name);
        Copies.delete(base);
        Files.createDirectories(base);
        this.dataDir = base.resolve("data");
        this.port = choosePort();
        // where the operator keeps the WAR (docs/deployment.md's /opt/neuroinfo)
        this.war = Files.copy(war, base.resolve(war.getFileName()));
        this.console = base.resolve("console.log");
    }

    /** The HTTP port: a free one; a container with more listeners needs theirs free too. */
    int choosePort() throws IOException {
        return OnFreePort.freePort();
    }

    /**
     * A free port whose neighbours at the given offsets are free too, for a container that derives
     * its other listeners' ports from the HTTP port.
     */
    static int freePortWith(int... offsets) throws IOException {
        int highest = Arrays.stream(offsets).max().orElse(0);
        int lowest = Arrays.stream(offsets).min().orElse(0);
        while (true) {
            int candidate = OnFreePort.freePort();
            if (candidate + highest < 65536 && candidate + lowest > 1024 && othersFree(candidate, offsets)) {
                return candidate;
            }
        }
    }

    private static boolean othersFree(int port, int[] offsets) {
        for (int offset : offsets) {
            try (ServerSocket probe = new ServerSocket(port + offset, 50, InetAddress.getByName("127.0.0.1"))) {
                probe.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    /** The distribution's top directory: the one directory its archive unpacks to, if it has one. */
    private static Path distribution(Path unpacked) throws IOException {
        if (!Files.isDirectory(unpacked)) {
            throw new IllegalStateException("no distribution at " + unpacked + " (the build unpacks it)");
        }
        try (var children = Files.list(unpacked)) {
            List<Path> all = children.toList();
            return all.size() == 1 && Files.isDirectory(all.get(0)) ? all.get(0) : unpacked;
        }
    }

    /** The deployment's base URL. */
    URI http() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The WebSocket URL. */
    URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/api/ws");
    }

    /** Sets an environment variable of the container's process. */
    void environment(String variable, String value) {
        environment.put(variable, value);
    }

    /** The operator's steps: copy the WAR and the settings files into place. */
    abstract void install() throws Exception;

    /** The command that runs the container in the foreground, from {@link #base}. */
    abstract List<String> command() throws IOException;

    /** Deploys the WAR again, as an operator updating it would. */
    abstract void redeploy() throws Exception;

    /**
     * Replaces the operator's WAR with a fresh copy of itself in one move and a new modification
     * time, for a container that watches the file.
     */
    void replaceWar() throws IOException {
        Path copy = war.resolveSibling(war.getFileName() + ".new");
        Files.copy(war, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.move(copy, war, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(war, FileTime.from(Instant.now()));
    }

    /** Whether the container deploys a replaced WAR again without a restart. */
    boolean redeploysInPlace() {
        return true;
    }

    /**
     * Whether the container completes an asynchronous send only once the socket took it, which is
     * what lets the server count a stalled client's queue (LIM-9).
     */
    boolean reportsWritesWhenSent() {
        return true;
    }

    /** What the container logs about threads an undeployed application left running. */
    abstract Pattern leakReport();

    /**
     * What an operator does once the container runs and before the WAR serves; nothing for a
     * container that deploys its folder when it starts.
     */
    void afterLaunch() throws Exception {
    }

    /** Starts the container and waits until the deployment answers its health check. */
    void start() throws Exception {
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        // setsid execs the command in a new session (a Java child is no group leader): its pid is the group's id
        new ProcessBuilder("sh", "-c", WATCHDOG, "watchdog", String.valueOf(ProcessHandle.current().pid()),
                String.valueOf(process.pid())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        afterLaunch();
        whileRunning("serve " + http() + "/api/health", () -> healthStatus() == 200);
    }

    /**
     * Waits, while the container runs and at most {@value #START_SECONDS} s, until it does what is
     * named: for a start, and for anything that deploys or undeploys the WAR, which can take most
     * of a minute on a loaded machine.
     */
    void whileRunning(String what, Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (!done.call()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logs());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not " + what + " within " + START_SECONDS + " s; see " + logs());
            }
            Thread.sleep(200);
        }
    }

    /** The status of the deployment's health check; -1 while nothing answers. */
    int healthStatus() throws InterruptedException {
        try {
            return HEALTH.send(HttpRequest.newBuilder(URI.create(http() + "/api/health")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListening) {
            return -1;
        }
    }

    /** Where the container logs: its console unless it keeps a log file of its own. */
    Path logFile() {
        return console;
    }

    private String logs() {
        return logFile().equals(console) ? console.toString() : console + " and " + logFile();
    }

    /** The container's log so far. */
    String log() throws IOException {
        Path log = logFile();
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** How many times the WAR was deployed in this process. */
    long deployments() throws IOException {
        return log().lines().filter(line -> line.contains(DEPLOYED)).count();
    }

    /** Lines where the container reports a thread the WAR left running. */
    List<String> leaks() throws IOException {
        Pattern leak = leakReport();
        return log().lines().filter(line -> leak.matcher(line).find()).toList();
    }

    /**
     * Asks the container to stop as its service manager would: SIGTERM, unless the container's
     * documented stop command differs.
     */
    void requestStop() throws Exception {
        process.destroy();
    }

    /** Stops the container ({@link #requestStop()}); false if it did not exit in time. */
    boolean stop() throws Exception {
        requestStop();
        if (process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            return true;
        }
        close();
        return false;
    }

    /** Whether the container's process still runs. */
    boolean running() {
        return process != null && process.isAlive();
    }

    /** Kills whatever is left of the container. */
    @Override
    public void close() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * Runs one of the container's tools from {@link #base}, with the container's environment, its
     * output in {@code <base>/<log>.log}; fails when it exits with an error or outlives {@code bound}.
     */
    void runTool(String log, Duration bound, List<String> command) throws IOException, InterruptedException {
        Path output = base.resolve(log + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(environment);
        Process tool = builder.start();
        try {
            if (!tool.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
                throw new IOException(command.get(0) + " " + command.get(1) + " ran longer than " + bound.toSeconds()
                        + " s; see " + output);
            }
            if (tool.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + tool.exitValue() + "; see " + output);
            }
        } finally {
            tool.descendants().forEach(ProcessHandle::destroyForcibly);
            tool.destroyForcibly();
        }
    }

    /** Replaces the operator's example values in a file from {@code src/deploy/} with this run's. */
    String operatorFile(String relative) throws IOException {
        Path file = Path.of(System.getProperty("neuroinfo.deploy", "src/deploy")).resolve(relative);
        return Files.readString(file, StandardCharsets.UTF_8)
                .replace(OperatorValues.WAR, war.toAbsolutePath().toString())
                .replace(OperatorValues.DATA_DIR, dataDir.toAbsolutePath().toString())
                .replace(OperatorValues.PUBLIC_WS_URL, ws().toString());
    }

    /** The settings of {@code src/deploy/neuroinfo.env} with this run's values, as environment variables. */
    Map<String, String> operatorEnvironment() throws IOException {
        Map<String, String> variables = new HashMap<>();
        for (String line : operatorFile("neuroinfo.env").lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                variables.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return variables;
    }

    /** The example values the operator's files in {@code src/deploy/} and docs/deployment.md show. */
    static final class OperatorValues {
        static final String WAR = "/opt/neuroinfo/neuroinfo-server.war";
        static final String DATA_DIR = "/var/lib/neuroinfo";
        static final String PUBLIC_WS_URL = "wss://events.example.org/api/ws";

        private OperatorValues() {
        }
    }
}
