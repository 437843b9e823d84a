package dev.neuroinfo.ws.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every scenario against our server and nchan, then the codec microbenchmarks, and writes
 * the report. Started by bench/run.sh, pinned to the CPU that the servers do not use; the servers
 * are started pinned to the other one. Options are {@code --name value}; see {@link #DEFAULTS}.
 */
public final class BenchMain {
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("server-jar", "server/target/neuroinfo-server.jar"),
            Map.entry("nginx-conf", "bench/nginx.conf"),
            Map.entry("report", "docs/performance.md"),
            Map.entry("assets", "docs/performance"),
            Map.entry("work", ""),
            Map.entry("targets", "ours,nchan"),
            Map.entry("levels", "1000,5000,10000,max"),
            Map.entry("base-rate", "5"),
            Map.entry("step-level", "10000"),
            Map.entry("rates", "1,2,5,10,20,50,100"),
            Map.entry("step-seconds", "10"),
            Map.entry("min-events", "10"),
            Map.entry("warmup-events", "20000"),
            Map.entry("churn-seconds", "10"),
            Map.entry("churn-warmup-seconds", "30"),
            Map.entry("churn-threads", "4"),
            Map.entry("churn-tokens", "2000"),
            Map.entry("break-p99-ms", "1000"),
            Map.entry("target-repeats", "3"),
            Map.entry("pinned-repeats", "5"),
            Map.entry("idle-wait-seconds", "60"),
            Map.entry("warm-steps", "1"),
            Map.entry("all-cores-level", "15000"),
            Map.entry("all-cores-rate", "1"),
            Map.entry("all-cores-seconds", "20"),
            Map.entry("all-cores-repeats", "3"),
            Map.entry("server-cpu", "0"),
            Map.entry("jmh", "true"),
            Map.entry("jfr", ""),
            Map.entry("jvm-options", ""),
            Map.entry("server-options", ""),
            Map.entry("condition", ""),
            Map.entry("findings", "bench/findings.md"));
    /** Descriptors the generator keeps for itself (jars, selector, logs) below the hard limit. */
    private static final int FD_RESERVE = 150;
    private static final List<ServerUnderTest> RUNNING = new CopyOnWriteArrayList<>();

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ServerUnderTest::close)));
        Settings settings = settings(options);
        Results results = new Results();
        List<String> conditions = new ArrayList<>();
        if (!options.get("condition").isBlank()) {
            conditions.add(options.get("condition"));
        }
        conditions.add("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());
        conditions.add(String.format("levels %s, fan-out steps of %s s (at least %s events), rates %s events/s at %,d "
                        + "subscribers, %s events/s at the other levels; churn %s s × %s threads after %s s unmeasured",
                settings.levels(), options.get("step-seconds"), options.get("min-events"), options.get("rates"),
                settings.stepLevel(), options.get("base-rate"), options.get("churn-seconds"), options.get("churn-threads"),
                options.get("churn-warmup-seconds")));
        Path work = options.get("work").isBlank() ? Files.createTempDirectory("neuroinfo-bench")
                : Files.createDirectories(Path.of(options.get("work")));
        String cpu = options.get("server-cpu").isBlank() ? null : options.get("server-cpu");
        Scenarios scenarios = new Scenarios(settings, results, BenchMain::log);
        for (String target : options.get("targets").split(",")) {
            ServerUnderTest server = launch(target.trim(), options, settings, work.resolve(target.trim()), cpu, 1);
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
        if (Boolean.parseBoolean(options.get("jmh"))) {
            codec(results);
        }
        Path findings = Path.of(options.get("findings"));
        new Report(results, machine(), conditions, settings,
                Files.exists(findings) ? Files.readString(findings) : "").write(Path.of(options.get("report")),
                Path.of(options.get("assets")));
        log("wrote " + options.get("report"));
    }

    /** A scenario's part for one fresh start of a server. */
    private interface FreshStart {
        void run(ServerUnderTest server, int repeat) throws IOException, InterruptedException;
    }

    /**
     * Runs {@code scenario} on fresh starts of every target, interleaved: ours, nchan, ours, nchan,
     * ..., {@code repeats} of each, so that the machine's drift during them falls on both alike.
     */
    private static void interleaved(Map<String, String> options, Settings settings, Path work, String name, String cpus,
            int workers, int repeats, FreshStart scenario) throws IOException, InterruptedException {
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (String target : options.get("targets").split(",")) {
                ServerUnderTest server = launch(target.trim(), options, settings,
                        work.resolve(target.trim() + "-" + name + "-" + repeat), cpus, workers);
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
    private static ServerUnderTest launch(String target, Map<String, String> options, Settings settings, Path dir,
            String cpus, int workers) throws IOException, InterruptedException {
        ServerUnderTest server = switch (target) {
            case "ours" -> NeuroInfoServer.launch(Path.of(options.get("server-jar")), dir, cpus, jvmOptions(options),
                    words(options.get("server-options")),
                    settings.churnTokens());
            case "nchan" -> NchanServer.launch(Path.of(options.get("nginx-conf")), dir, cpus, workers);
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
        RUNNING.add(server);
        log("started " + server.name() + " as pid " + server.pid() + " on CPUs " + cpus);
        // For bench/run.sh's cleanup, should this process die without stopping the server.
        Files.writeString(dir.resolveSibling("pids"), ProcStats.tree(server.pid()).stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n")), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return server;
    }

    private static void stop(ServerUnderTest server) {
        server.close();
        RUNNING.remove(server);
    }

    /** A flight recording if asked for, then any space-separated {@code --jvm-options} for our server. */
    private static List<String> jvmOptions(Map<String, String> options) {
        List<String> jvm = new ArrayList<>();
        String jfr = options.get("jfr");
        if (!jfr.isBlank()) {
            jvm.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath() + ",settings=profile");
        }
        jvm.addAll(words(options.get("jvm-options")));
        return jvm;
    }

    /** The space-separated words of an option's value; none for a blank one. */
    private static List<String> words(String value) {
        return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    private static Settings settings(Map<String, String> o) throws IOException {
        List<Integer> levels = new ArrayList<>();
        for (String level : o.get("levels").split(",")) {
            levels.add(level.trim().equals("max") ? maxConnections() : Integer.parseInt(level.trim()));
        }
        List<Double> rates = Arrays.stream(o.get("rates").split(",")).map(r -> Double.parseDouble(r.trim())).toList();
        return new Settings(levels, Double.parseDouble(o.get("base-rate")), Integer.parseInt(o.get("step-level")), rates,
                Double.parseDouble(o.get("step-seconds")), Integer.parseInt(o.get("min-events")),
                Integer.parseInt(o.get("warmup-events")), Double.parseDouble(o.get("churn-seconds")),
                Double.parseDouble(o.get("churn-warmup-seconds")),
                Integer.parseInt(o.get("churn-threads")), Integer.parseInt(o.get("churn-tokens")),
                Long.parseLong(o.get("break-p99-ms")), Integer.parseInt(o.get("target-repeats")),
                Integer.parseInt(o.get("pinned-repeats")), Integer.parseInt(o.get("idle-wait-seconds")),
                Integer.parseInt(o.get("warm-steps")),
                new Settings.AllCores(Integer.parseInt(o.get("all-cores-level")),
                        Double.parseDouble(o.get("all-cores-rate")), Double.parseDouble(o.get("all-cores-seconds")),
                        Integer.parseInt(o.get("all-cores-repeats"))));
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

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!DEFAULTS.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; options: "
                        + DEFAULTS.keySet());
            }
            options.put(name, args[i + 1]);
        }
        return options;
    }

    static void log(String message) {
        System.err.printf("%tT %s%n", System.currentTimeMillis(), message);
    }
}
