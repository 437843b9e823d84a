package dev.neuroinfo.ws.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of a bench run, as bench/run.sh passes them on. Every value is checked before any
 * server starts, so that a mistyped option ends the run with a message naming it rather than a
 * stack trace half an hour in. An option given twice takes its last value: run.sh sets
 * {@code --work} and {@code --server-cpu} before the user's options, which may override them.
 */
@Command(name = "bench/run.sh", abbreviateSynopsis = true, sortOptions = false,
        description = "Runs every scenario against our server and nchan and writes the report.")
final class BenchOptions {
    /** The targets the runner can start. */
    static final List<String> TARGETS = List.of("ours", "nchan");
    /** In {@code --levels}: as many connections as the descriptor limit allows. */
    static final String MAX_LEVEL = "max";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--server-jar", defaultValue = "server/target/neuroinfo-server.jar",
            description = "Our server's jar (default: ${DEFAULT-VALUE}).")
    Path serverJar;

    @Option(names = "--nginx-conf", defaultValue = "bench/nginx.conf",
            description = "nginx configuration template for nchan (default: ${DEFAULT-VALUE}).")
    Path nginxConf;

    @Option(names = "--report", defaultValue = "docs/performance.md", description = "The report to write.")
    Path report;

    @Option(names = "--assets", defaultValue = "docs/performance", description = "Where the report's plots and CSV go.")
    Path assets;

    @Option(names = "--work", defaultValue = "", description = "Working directory (default: a new temporary one).")
    String work;

    @Option(names = "--findings", defaultValue = "bench/findings.md",
            description = "Findings put into the report, if the file exists.")
    Path findings;

    @Option(names = "--targets", split = ",", defaultValue = "ours,nchan",
            description = "Servers to measure, in order: ours, nchan (default: ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(names = "--levels", split = ",", defaultValue = "1000,5000,10000,max",
            description = "Idle subscriber counts, increasing; 'max' (last) for the descriptor limit.")
    List<String> levels;

    @Option(names = "--base-rate", defaultValue = "5", description = "Events/s of the fan-out step at every level.")
    double baseRate;

    @Option(names = "--step-level", defaultValue = "10000",
            description = "Subscribers at which the rate is stepped up, and of the targets' step.")
    int stepLevel;

    @Option(names = "--rates", split = ",", defaultValue = "1,2,5,10,20,50,100",
            description = "Events/s tried at the step level, increasing.")
    List<Double> rates;

    @Option(names = "--step-seconds", defaultValue = "10", description = "How long each fan-out step publishes.")
    double stepSeconds;

    @Option(names = "--min-events", defaultValue = "10", description = "At least this many events per step.")
    int minEvents;

    @Option(names = "--warmup-events", defaultValue = "20000", description = "Events published before measuring.")
    int warmupEvents;

    @Option(names = "--churn-seconds", defaultValue = "10", description = "How long each churn mode is measured.")
    double churnSeconds;

    @Option(names = "--churn-warmup-seconds", defaultValue = "30",
            description = "How long each churn mode runs unmeasured first.")
    double churnWarmupSeconds;

    @Option(names = "--churn-threads", defaultValue = "4", description = "Concurrent churn cycles.")
    int churnThreads;

    @Option(names = "--churn-tokens", defaultValue = "2000", description = "API tokens created for the ticket churn.")
    int churnTokens;

    @Option(names = "--break-p99-ms", defaultValue = "1000", description = "A step with a higher p99 counts as broken.")
    long breakP99Millis;

    @Option(names = "--target-repeats", defaultValue = "3", description = "Measurements of the targets' step per pass.")
    int targetRepeats;

    @Option(names = "--pinned-repeats", defaultValue = "5", description = "Interleaved fresh starts, pinned (0: none).")
    int pinnedRepeats;

    @Option(names = "--idle-wait-seconds", defaultValue = "60",
            description = "Longest wait for an idle server before a measurement.")
    int idleWaitSeconds;

    @Option(names = "--warm-steps", defaultValue = "1", description = "Unmeasured steps of a fresh start.")
    int warmSteps;

    @Option(names = "--all-cores-level", defaultValue = "15000", description = "Subscribers of the all-cores scenario.")
    int allCoresLevel;

    @Option(names = "--all-cores-rate", defaultValue = "1", description = "Events/s of the all-cores scenario.")
    double allCoresRate;

    @Option(names = "--all-cores-seconds", defaultValue = "20", description = "How long each all-cores step publishes.")
    double allCoresSeconds;

    @Option(names = "--all-cores-repeats", defaultValue = "3", description = "Fresh starts of each server (0: skipped).")
    int allCoresRepeats;

    @Option(names = "--server-cpu", defaultValue = "0",
            description = "CPU the servers are pinned to in the main pass ('' for this process's CPUs).")
    String serverCpu;

    @Option(names = "--jmh", arity = "1", defaultValue = "true", description = "Run the codec microbenchmarks.")
    boolean jmh;

    @Option(names = "--jfr", defaultValue = "", description = "A flight recording of ours to this file.")
    String jfr;

    @Option(names = "--jvm-options", defaultValue = "", description = "Extra JVM options of ours, space-separated.")
    String jvmOptions;

    @Option(names = "--server-options", defaultValue = "", description = "Extra options of ours, space-separated.")
    String serverOptions;

    @Option(names = "--condition", defaultValue = "", description = "The machine's condition, for the report.")
    String condition;

    private BenchOptions() {
    }

    /**
     * The options in {@code args}, checked.
     *
     * @return empty if {@code --help} was asked for and has been printed
     * @throws ParameterException naming the first option that is unknown, lacks its value or has
     *     one out of its range; {@link #usage} prints it with the usage
     */
    static Optional<BenchOptions> parse(String[] args) {
        BenchOptions options = new BenchOptions();
        CommandLine commandLine = new CommandLine(options).setOverwrittenOptionsAllowed(true);
        commandLine.parseArgs(args);
        if (CommandLine.printHelpIfRequested(commandLine.getParseResult())) {
            return Optional.empty();
        }
        options.check();
        return Optional.of(options);
    }

    /** What a run with bad options prints: the problem, then the usage. */
    static String usage(ParameterException problem) {
        return problem.getMessage() + System.lineSeparator() + problem.getCommandLine().getUsageMessage();
    }

    private void check() {
        targets = targets.stream().map(String::trim).toList();
        levels = levels.stream().map(String::trim).toList();
        Set<String> seen = new HashSet<>();
        for (String target : targets) {
            require(TARGETS.contains(target), "--targets: unknown target '" + target + "'; known: " + TARGETS);
            require(seen.add(target), "--targets: '" + target + "' named twice");
        }
        if (targets.contains("ours")) {
            require(Files.isRegularFile(serverJar), "--server-jar: no file " + serverJar + " (build it: mvn -pl server package)");
        }
        if (targets.contains("nchan")) {
            require(Files.isRegularFile(nginxConf), "--nginx-conf: no file " + nginxConf);
        }
        checkLevels();
        for (int i = 0; i < rates.size(); i++) {
            require(rates.get(i) > 0 && Double.isFinite(rates.get(i)),
                    "--rates: each rate must be a finite number above 0, got " + rates.get(i));
            require(i == 0 || rates.get(i) > rates.get(i - 1), "--rates must increase, got " + rates);
        }
        positive("--base-rate", baseRate);
        positive("--step-level", stepLevel);
        positive("--step-seconds", stepSeconds);
        positive("--min-events", minEvents);
        atLeastZero("--warmup-events", warmupEvents);
        positive("--churn-seconds", churnSeconds);
        atLeastZero("--churn-warmup-seconds", churnWarmupSeconds);
        positive("--churn-threads", churnThreads);
        positive("--churn-tokens", churnTokens);
        positive("--break-p99-ms", breakP99Millis);
        positive("--target-repeats", targetRepeats);
        atLeastZero("--pinned-repeats", pinnedRepeats);
        atLeastZero("--idle-wait-seconds", idleWaitSeconds);
        atLeastZero("--warm-steps", warmSteps);
        positive("--all-cores-level", allCoresLevel);
        positive("--all-cores-rate", allCoresRate);
        positive("--all-cores-seconds", allCoresSeconds);
        atLeastZero("--all-cores-repeats", allCoresRepeats);
        require(serverCpu.isEmpty() || serverCpu.matches("\\d{1,4}"),
                "--server-cpu: a CPU number or '', got '" + serverCpu + "'");
    }

    private void checkLevels() {
        require(!levels.isEmpty(), "--levels: at least one level");
        int previous = 0;
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            if (level.equals(MAX_LEVEL)) {
                require(i == levels.size() - 1, "--levels: 'max' can only be the last level");
                continue;
            }
            int value = integer("--levels", level);
            require(value > 0, "--levels: each level must be above 0, got " + value);
            require(value > previous, "--levels must increase, got " + levels);
            previous = value;
        }
    }

    /**
     * The scale of the run.
     *
     * @param maxConnections what {@code max} in {@code --levels} stands for
     * @throws ParameterException if {@code max} is not above the level before it
     */
    Settings settings(int maxConnections) {
        List<Integer> resolved = new ArrayList<>();
        for (String level : levels) {
            int value = level.equals(MAX_LEVEL) ? maxConnections : Integer.parseInt(level);
            require(resolved.isEmpty() || value > resolved.get(resolved.size() - 1),
                    "--levels: 'max' is " + value + " here, not above the level before it");
            resolved.add(value);
        }
        return new Settings(resolved, baseRate, stepLevel, rates, stepSeconds, minEvents, warmupEvents, churnSeconds,
                churnWarmupSeconds, churnThreads, churnTokens, breakP99Millis, targetRepeats, pinnedRepeats,
                idleWaitSeconds, warmSteps, new Settings.AllCores(allCoresLevel, allCoresRate, allCoresSeconds,
                        allCoresRepeats));
    }

    private int integer(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), option + ": '" + value + "' is not a whole number");
        }
    }

    private void positive(String option, long value) {
        require(value > 0, option + " must be above 0, got " + value);
    }

    private void positive(String option, double value) {
        require(value > 0 && Double.isFinite(value), option + " must be a finite number above 0, got " + value);
    }

    private void atLeastZero(String option, long value) {
        require(value >= 0, option + " must not be negative, got " + value);
    }

    private void atLeastZero(String option, double value) {
        require(value >= 0 && Double.isFinite(value), option + " must be a finite number, not negative, got " + value);
    }

    private void require(boolean condition, String problem) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }
}
