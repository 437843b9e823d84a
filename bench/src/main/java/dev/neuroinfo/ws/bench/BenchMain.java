package dev.neuroinfo.ws.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.ParameterException;

/**
 * Runs every scenario against our server and nchan, then the codec microbenchmarks, and writes
 * the report. Started by bench/run.sh, pinned to the CPU that the servers do not use; the servers
 * are started pinned to the other one. Options: {@link BenchOptions}.
 */
public final class BenchMain {
    /** Descriptors the generator keeps for itself (jars, selector, logs) below the hard limit. */
    private static final int FD_RESERVE = 150;
    private static final List<ServerUnderTest> RUNNING = new CopyOnWriteArrayList<>();

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Optional<BenchOptions> parsed;
        Settings settings;
        try {
            parsed = BenchOptions.parse(args);
            if (parsed.isEmpty()) {
                return;
            }
            settings = parsed.get().settings(maxConnections());
        } catch (ParameterException e) {
            System.err.print(BenchOptions.usage(e));
            System.exit(2);
            return;
        }
        run(parsed.get(), settings);
    }

    private static void run(BenchOptions options, Settings settings) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ServerUnderTest::close)));
        Results results = new Results();
        List<String> conditions = new ArrayList<>();
        if (!options.condition.isBlank()) {
            conditions.add(options.condition);
        }
        conditions.add("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());
        conditions.add(String.format(Locale.ROOT, "levels %s, fan-out steps of %s s (at least %d events), rates %s "
                        + "events/s at %,d subscribers, %s events/s at the other levels; churn %s s × %d threads after %s s "
                        + "unmeasured",
                settings.levels(), number(settings.stepSeconds()), settings.minEvents(), numbers(settings.rates()),
                settings.stepLevel(), number(settings.baseRate()), number(settings.churnSeconds()),
                settings.churnThreads(), number(settings.churnWarmupSeconds())));
        Path work = options.work.isBlank() ? Files.createTempDirectory("neuroinfo-bench")
                : Files.createDirectories(Path.of(options.work));
        String cpu = options.serverCpu.isBlank() ? null : options.serverCpu;
        Scenarios scenarios = new Scenarios(settings, results, BenchMain::log);
        for (String target : options.targets) {
            ServerUnderTest server = launch(target, options, settings, work.resolve(target), cpu, 1);
            try {
                scenarios.run(server);
            } finally {
                stop(server);
            }
        }
        // The targets' step again, pinned as above but interleaved: the two passes above run minutes
        // apart, and the machine's drift between them fell on one server only.
        interleaved(options, settings, work, "pinned", cpu, 1, settings.pinnedRepeats(), scenarios::pinned);
        // On every CPU and interleaved. This process is pinned and its children inherit that, so
        // every CPU is named explicitly.
        int cpus = machineCpus();
        interleaved(options, settings, work, "all-cores", "0-" + (cpus - 1), cpus, settings.allCores().repeats(),
                scenarios::allCores);
        if (options.jmh) {
            codec(results);
        }
        new Report(results, machine(), conditions, settings,
                Files.exists(options.findings) ? Files.readString(options.findings) : "").write(options.report,
                options.assets);
        log("wrote " + options.report);
    }

    /** A number as given on the command line: 10 rather than 10.0. */
    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String numbers(List<Double> values) {
        return values.stream().map(BenchMain::number).collect(Collectors.joining(","));
    }

    /** A scenario's part for one fresh start of a server. */
    private interface FreshStart {
        void run(ServerUnderTest server, int repeat) throws IOException, InterruptedException;
    }

    /**
     * Runs {@code scenario} on fresh starts of every target, interleaved: ours, nchan, ours, nchan,
     * ..., {@code repeats} of each, so that the machine's drift during them falls on both alike.
     */
    private static void interleaved(BenchOptions options, Settings settings, Path work, String name, String cpus,
            int workers, int repeats, FreshStart scenario) throws IOException, InterruptedException {
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (String target : options.targets) {
                ServerUnderTest server = launch(target, options, settings, work.resolve(target + "-" + name + "-" + repeat),
                        cpus, workers);
                try {
                    scenario.run(server, repeat);
                } finally {
                    stop(server);
                }
            }
        }
    }

    /**
     * Starts a target on the CPUs {@code cpus} (a taskset list, or null for this process's own),
     * with nchan given {@code workers} worker processes, one per CPU it may use, as it would be
     * deployed.
     */
    private static ServerUnderTest launch(String target, BenchOptions options, Settings settings, Path dir,
            String cpus, int workers) throws IOException, InterruptedException {
        ServerUnderTest server = switch (target) {
            case "ours" -> NeuroInfoServer.launch(options.serverJar, dir, cpus, jvmOptions(options),
                    words(options.serverOptions), settings.churnTokens());
            case "nchan" -> NchanServer.launch(options.nginxConf, dir, cpus, workers);
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
        RUNNING.add(server);
        log("started " + server.name() + " as pid " + server.pid() + " on CPUs " + cpus);
        // For bench/run.sh's cleanup, should this process die without stopping the server.
        Files.writeString(dir.resolveSibling("pids"), ProcStats.tree(server.pid()).stream().map(String::valueOf)
                .collect(Collectors.joining("\n", "", "\n")), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return server;
    }

    private static void stop(ServerUnderTest server) {
        server.close();
        RUNNING.remove(server);
    }

    /** A flight recording if asked for, then any space-separated {@code --jvm-options} for our server. */
    private static List<String> jvmOptions(BenchOptions options) {
        List<String> jvm = new ArrayList<>();
        if (!options.jfr.isBlank()) {
            jvm.add("-XX:StartFlightRecording=filename=" + Path.of(options.jfr).toAbsolutePath() + ",settings=profile");
        }
        jvm.addAll(words(options.jvmOptions));
        return jvm;
    }

    /** The space-separated words of an option's value; none for a blank one. */
    private static List<String> words(String value) {
        return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /** As many connections as this process's hard descriptor limit allows (the servers share it). */
    static int maxConnections() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                return Integer.parseInt(fields[1]) - FD_RESERVE;
            }
        }
        throw new IOException("no descriptor limit in /proc/self/limits");
    }

    private static void codec(Results results) throws RunnerException {
        for (RunResult run : new Runner(new OptionsBuilder().include(CodecBenchmark.class.getName()).forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2)).measurementIterations(5)
                .measurementTime(TimeValue.seconds(2)).build()).run()) {
            String name = run.getParams().getBenchmark();
            results.codec.add(new Results.Codec(name.substring(name.lastIndexOf('.') + 1),
                    run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError()));
        }
    }

    /** The machine's CPUs (not this pinned process's). */
    private static int machineCpus() throws IOException {
        return (int) Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
    }

    private static String machine() throws IOException {
        String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        return String.format("%d × %s; %s; Linux %s; Java %s (%s); %s; nchan %s",
                machineCpus(), model, memory,
                Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), command("nginx", "-v"),
                command("dpkg-query", "-W", "-f", "${Version}", "libnginx-mod-nchan"));
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            return out;
        } catch (IOException e) {
            return "not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static void log(String message) {
        System.err.printf("%tT %s%n", System.currentTimeMillis(), message);
    }
}
