package dev.neuroinfo.ws.server.cli;

import dev.neuroinfo.ws.server.OnFreePort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * The server in a JVM of its own, as an operator starts it, whose start banner the test reads;
 * and the banner's "Try it" commands run as an operator pastes them: into bash, elsewhere.
 */
public final class ServerProcess implements AutoCloseable {
    /** How long a server may take to print its banner: its JVM's start on a loaded machine. */
    public static final Duration BANNER_WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path errors;

    private ServerProcess(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
    }

    /**
     * Starts {@code command.apply(port)} (a java command line running the server on {@code port} and
     * {@code port + 1}) on a free pair of ports, with no NEUROINFO_* variable in its environment, and
     * reads its banner within {@link #BANNER_WAIT}. The pair is free when chosen but bound only once
     * the child's JVM is up, seconds later on a loaded machine: when another process took it
     * meanwhile, the start is made again on another pair. Any other failure fails with the server's
     * error output.
     *
     * @return the running server and its banner
     */
    public static Started startOnFreePorts(IntFunction<List<String>> command) throws IOException, InterruptedException {
        return OnFreePort.pair(port -> startOn(port, command.apply(port), BANNER_WAIT));
    }

    /**
     * One start of {@code command}, which runs the server on {@code port}: its banner read within
     * {@code bound}. Whenever the banner is not obtained (the server exits, prints none in time, or
     * the wait is interrupted) the child is killed and reaped before this throws, so that no server
     * outlives the test that started it.
     */
    public static Started startOn(int port, List<String> command, Duration bound) throws IOException, InterruptedException {
        ServerProcess server = start(command);
        boolean started = false;
        try {
            Started result = new Started(server, port, server.banner(bound));
            started = true;
            return result;
        } finally {
            if (!started) {
                server.kill();
            }
        }
    }

    /** A started server, its HTTP port (the WebSocket's is the next) and the banner it printed. */
    public record Started(ServerProcess server, int port, String banner) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            server.close();
        }
    }

    private static ServerProcess start(List<String> command) throws IOException {
        Path errors = Files.createTempFile("neuroinfo-server", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("NEUROINFO_"));
        return new ServerProcess(builder.start(), errors);
    }

    /** The server's process, e.g. to signal it. */
    public Process process() {
        return process;
    }

    /**
     * The server's command line from this test's class path, as an operator runs it:
     * {@code java [jvmOptions] -cp <class path> ServerMain [arguments]}.
     */
    public static List<String> mainCommand(List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerMain.class.getName()));
        command.addAll(arguments);
        return command;
    }

    /** The java that runs this test. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The banner, up to its last line. The lines are read on a thread of their own, so that a
     * server that prints no banner cannot block this past {@code bound}.
     *
     * @throws IllegalStateException with what the server printed and its error output when it
     *                               ends its output first or prints no banner within {@code bound}
     */
    private String banner(Duration bound) throws IOException, InterruptedException {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        FutureTask<Boolean> reading = new FutureTask<>(() -> readBanner(lines));
        Thread reader = new Thread(reading, "banner of pid " + process.pid());
        // it ends when the child's output does, which its kill closes at the latest
        reader.setDaemon(true);
        reader.start();
        String failure;
        try {
            if (reading.get(bound.toNanos(), TimeUnit.NANOSECONDS)) {
                return String.join("\n", lines);
            }
            // the output ended: the server is exiting, and its error output says why
            boolean exited = process.waitFor(10, TimeUnit.SECONDS);
            failure = (exited ? "exited with " + process.exitValue() : "closed its output") + " before the end of its banner";
        } catch (TimeoutException e) {
            failure = "printed no complete banner within " + bound.toSeconds() + " s";
        } catch (ExecutionException e) {
            throw new IOException("reading the server's banner failed", e.getCause());
        }
        throw new IllegalStateException("the server " + failure + "; printed:\n" + String.join("\n", lines)
                + "\nerror output:\n" + Files.readString(errors));
    }

    /** Adds the banner's lines to {@code lines}; whether its last line came before the output ended. */
    private boolean readBanner(List<String> lines) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("Stop with")) {
                return true;
            }
            lines.add(line);
        }
        return false;
    }

    /** The banner's command lines under "Try it", without its comments, in order. */
    public static List<String> commands(String banner) {
        List<String> commands = new ArrayList<>();
        boolean tryIt = false;
        for (String line : banner.split("\n")) {
            tryIt |= line.startsWith("Try it");
            if (tryIt && line.startsWith("  ") && !line.strip().startsWith("#")) {
                commands.add(line.strip());
            }
        }
        return commands;
    }

    /**
     * A bash running {@code commands} as one script in {@code dir}, its error output merged, with
     * no NEUROINFO_* variable but {@code environment}.
     */
    public static Process bash(List<String> commands, Path dir, Map<String, String> environment) throws IOException {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", String.join("\n", commands))
                .directory(dir.toFile()).redirectErrorStream(true);
        bash.environment().keySet().removeIf(name -> name.startsWith("NEUROINFO_"));
        bash.environment().putAll(environment);
        return bash.start();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        // a server that has not stopped by then is killed
        process.waitFor(10, TimeUnit.SECONDS);
        kill();
    }

    /** SIGKILL unless it is gone, and waits until it is. */
    private void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        try {
            Files.deleteIfExists(errors);
        } catch (IOException e) {
            // a temporary file left behind is no failure of the test
        }
    }
}
