package dev.neuroinfo.ws.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server in a JVM of its own, as an operator starts it, whose start banner the test reads;
 * and the banner's "Try it" commands run as an operator pastes them: into bash, elsewhere.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;

    private ServerProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code command} (a java command line) with no NEUROINFO_* variable in its environment. */
    public static ServerProcess start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("NEUROINFO_"));
        return new ServerProcess(builder.start());
    }

    /** The java that runs this test. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The banner, up to its last line; callers bound the wait with a JUnit timeout. */
    public String banner() throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null && !line.startsWith("Stop with"); line = out.readLine()) {
            lines.add(line);
        }
        return String.join("\n", lines);
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
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
