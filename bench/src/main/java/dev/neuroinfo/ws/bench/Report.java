package dev.neuroinfo.ws.bench;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * docs/performance.md from the template (method and findings) and the measured tables, the
 * plots beside it, and the raw numbers as CSV.
 */
final class Report {
    static final String LATENCY_PLOT = "latency-vs-subscribers.png";
    static final String CPU_PLOT = "cpu-per-delivery-vs-rate.png";
    static final String MEMORY_PLOT = "memory-vs-connections.png";
    static final List<String> PLOTS = List.of(LATENCY_PLOT, CPU_PLOT, MEMORY_PLOT);
    private static final String OURS = "ours";
    private static final String NCHAN = "nchan";
    private static final Color OURS_COLOR = new Color(0x1f, 0x77, 0xb4);
    private static final Color NCHAN_COLOR = new Color(0xd6, 0x27, 0x28);

    private final Results results;
    private final String machine;
    private final List<String> conditions;
    private final Settings settings;
    private final String findings;

    /**
     * @param findings hand-written analysis placed after the measured sections (may be empty)
     */
    Report(Results results, String machine, List<String> conditions, Settings settings, String findings) {
        this.findings = findings;
        this.results = results;
        this.machine = machine;
        this.conditions = conditions;
        this.settings = settings;
    }

    void write(Path markdown, Path assets) throws IOException {
        Files.createDirectories(assets);
        String folder = assets.getFileName().toString();
        String text = template()
                .replace("{{date}}", java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .replace("{{machine}}", machine)
                .replace("{{conditions}}", bullets(conditions))
                .replace("{{warmup-events}}", String.format(Locale.ROOT, "%,d", settings.warmupEvents()))
                .replace("{{targets}}", targets())
                .replace("{{target-repeats}}", targetRepeats())
                .replace("{{capacity}}", capacity())
                .replace("{{latency}}", latency())
                .replace("{{rates}}", rates())
                .replace("{{churn}}", churn())
                .replace("{{pinned}}", pinned())
                .replace("{{all-cores}}", allCores())
                .replace("{{codec}}", codec())
                .replace("{{notes}}", results.notes.isEmpty() ? "none" : bullets(results.notes))
                .replace("{{findings}}", findings.strip())
                .replace("{{assets}}", folder);
        Files.writeString(markdown, text);
        plots(assets);
        csv(assets);
    }

    private static String template() throws IOException {
        try (InputStream in = Report.class.getResourceAsStream("performance-template.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------ tables

    private String capacity() {
        StringBuilder t = new StringBuilder("| connections | server | subscribed | RSS MB | PSS MB | live heap MB "
                + "| PSS KB/conn | RSS KB/conn | heap KB/conn | PSS KB/conn since previous level |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Results.Capacity c : results.capacity) {
            Optional<Results.Capacity> previous = previous(c);
            t.append(String.format(Locale.ROOT, "| %,d | %s | %,d | %.0f | %.0f | %s | %.1f | %.1f | %s | %s |%n", c.wanted(),
                    c.server(), c.subscribed(), c.memory().rssKb() / 1024.0, c.memory().pssKb() / 1024.0,
                    c.heapKb() < 0 ? "–" : String.format(Locale.ROOT, "%.0f", c.heapKb() / 1024.0), c.pssPerConnectionKb(),
                    c.rssPerConnectionKb(),
                    c.heapKb() < 0 ? "–" : String.format(Locale.ROOT, "%.1f", c.heapPerConnectionKb()),
                    previous.map(p -> String.format(Locale.ROOT, "%.1f", marginalPssKb(p, c))).orElse("–")));
        }
        t.append("\nPer-connection figures are (value at N − value with no connections, after the warm-up) / N; ")
                .append("the last column is the slope from the level before, which leaves out what the warm-up ")
                .append("already grew. Baselines: ");
        results.capacity.stream().map(Results.Capacity::server).distinct().forEach(server -> results.capacity.stream()
                .filter(c -> c.server().equals(server)).findFirst().ifPresent(c -> t.append(String.format(Locale.ROOT,
                        "%s RSS %.0f MB, PSS %.0f MB%s; ", server, c.baseline().rssKb() / 1024.0,
                        c.baseline().pssKb() / 1024.0, c.baselineHeapKb() < 0 ? ""
                                : String.format(Locale.ROOT, ", live heap %.0f MB", c.baselineHeapKb() / 1024.0)))));
        t.append("\n\nRatio ours/nchan, PSS per connection (from zero; since the previous level): ");
        List<String> ratios = new ArrayList<>();
        for (int level : levels()) {
            Optional<Results.Capacity> ours = capacityAt(OURS, level);
            Optional<Results.Capacity> nchan = capacityAt(NCHAN, level);
            if (ours.isPresent() && nchan.isPresent()) {
                Optional<Results.Capacity> op = previous(ours.get());
                Optional<Results.Capacity> np = previous(nchan.get());
                // Below 1 KB nchan has not grown past what it preallocates: no meaningful ratio.
                double nchanKb = nchan.get().pssPerConnectionKb();
                ratios.add(String.format(Locale.ROOT, "%,d: **%s**; %s", level,
                        nchanKb < 1 ? "–" : ratio(ours.get().pssPerConnectionKb(), nchanKb),
                        op.isPresent() && np.isPresent()
                                ? ratio(marginalPssKb(op.get(), ours.get()), marginalPssKb(np.get(), nchan.get())) : "–"));
            }
        }
        t.append(ratios.isEmpty() ? "–" : String.join(", ", ratios)).append('\n');
        return t.toString();
    }

    private Optional<Results.Capacity> previous(Results.Capacity point) {
        List<Results.Capacity> same = results.capacity.stream().filter(c -> c.server().equals(point.server())).toList();
        int index = same.indexOf(point);
        return index > 0 ? Optional.of(same.get(index - 1)) : Optional.empty();
    }

    /** PSS growth per added connection between two levels. */
    private static double marginalPssKb(Results.Capacity from, Results.Capacity to) {
        int added = to.subscribed() - from.subscribed();
        return added <= 0 ? 0 : (to.memory().pssKb() - from.memory().pssKb()) / (double) added;
    }

    private String latency() {
        StringBuilder t = new StringBuilder("| subscribers | server | events/s | received / expected | p50 ms | p99 ms "
                + "| max ms | accept→receive p99 ms | CPU µs/delivery |\n|---|---|---|---|---|---|---|---|---|\n");
        List<Results.Fanout> base = results.fanout.stream().filter(f -> f.rate() == settings.baseRate()).toList();
        for (Results.Fanout f : base) {
            t.append(String.format(Locale.ROOT, "| %,d | %s | %.0f | %,d / %,d | %.2f | %.2f | %.1f | %s | %.1f |%n",
                    f.subscribers(), f.server(), f.rate(), f.received(), f.expected(), ms(f.publishToReceive().p50Micros()),
                    ms(f.publishToReceive().p99Micros()), ms(f.publishToReceive().maxMicros()),
                    f.server().equals(OURS) ? String.format(Locale.ROOT, "%.2f", ms(f.timestampToReceive().p99Micros())) : "–",
                    f.cpuMicrosPerDelivery()));
        }
        t.append("\nRatio ours/nchan, p99 publish→receive: ");
        List<String> ratios = new ArrayList<>();
        for (Results.Fanout ours : base.stream().filter(f -> f.server().equals(OURS)).toList()) {
            base.stream().filter(f -> f.server().equals(NCHAN) && f.subscribers() == ours.subscribers()).findFirst()
                    .ifPresent(nchan -> ratios.add(String.format(Locale.ROOT, "%,d: **%s**", ours.subscribers(),
                            ratio(ours.publishToReceive().p99Micros(), nchan.publishToReceive().p99Micros()))));
        }
        t.append(ratios.isEmpty() ? "–" : String.join(", ", ratios)).append('\n');
        return t.toString();
    }

    private String rates() {
        StringBuilder t = new StringBuilder("| server | subscribers | events/s asked | held | deliveries/s | lost "
                + "| p50 ms | p99 ms | max ms | server CPU | CPU µs/delivery | generator CPU | verdict |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Results.Fanout f : stepped()) {
            t.append(String.format(Locale.ROOT, "| %s | %,d | %.0f | %.1f | %,.0f | %,d | %.2f | %.2f | %.1f | %.0f%% | %.1f "
                            + "| %.0f%% | %s |%n", f.server(), f.subscribers(), f.rate(), f.achievedRate(),
                    f.deliveriesPerSecond(), f.lost(), ms(f.publishToReceive().p50Micros()),
                    ms(f.publishToReceive().p99Micros()), ms(f.publishToReceive().maxMicros()), f.serverCpuShare() * 100,
                    f.cpuMicrosPerDelivery(), f.generatorCpuShare() * 100, f.broken() == null ? "held" : f.broken()));
        }
        t.append("\nRatio ours/nchan, CPU per delivery: ");
        List<String> ratios = new ArrayList<>();
        for (Results.Fanout ours : stepped().stream().filter(f -> f.server().equals(OURS)).toList()) {
            stepped().stream().filter(f -> f.server().equals(NCHAN) && f.rate() == ours.rate()).findFirst()
                    .ifPresent(nchan -> ratios.add(String.format(Locale.ROOT, "%.0f/s: **%s**", ours.rate(),
                            ratio(ours.cpuMicrosPerDelivery(), nchan.cpuMicrosPerDelivery()))));
        }
        t.append(ratios.isEmpty() ? "–" : String.join(", ", ratios)).append('\n');
        return t.toString();
    }

    private String churn() {
        StringBuilder t = new StringBuilder("| server | cycle | cycles | failures | cycles/s | server CPU µs/cycle "
                + "| of it JIT | generator CPU µs/cycle |\n|---|---|---|---|---|---|---|---|\n");
        for (Results.ChurnRun c : results.churn) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %.0f | %.0f | %.0f %% | %.0f |%n", c.server(),
                    c.mode(), c.result().cycles(), c.result().failures(), c.result().perSecond(), c.cpuMicrosPerCycle(),
                    c.compilerCpuShare() * 100, c.generatorMicrosPerCycle()));
        }
        Optional<Results.ChurnRun> nchan = results.churn.stream().filter(c -> c.server().equals(NCHAN)).findFirst();
        if (nchan.isPresent()) {
            t.append("\nRatio ours/nchan (cycles/s; CPU per cycle): ");
            t.append(results.churn.stream().filter(c -> c.server().equals(OURS))
                    .map(c -> String.format(Locale.ROOT, "%s: **%s**; **%s**", c.mode(),
                            ratio(c.result().perSecond(), nchan.get().result().perSecond()),
                            ratio(c.cpuMicrosPerCycle(), nchan.get().cpuMicrosPerCycle())))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        return t.toString();
    }

    private String codec() {
        if (results.codec.isEmpty()) {
            return "not run\n";
        }
        StringBuilder t = new StringBuilder("| benchmark | ns/op | ± (99.9 %) |\n|---|---|---|\n");
        for (Results.Codec c : results.codec) {
            t.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n", c.benchmark(), c.nanosPerOp(), c.error()));
        }
        return t.toString();
    }

    private String targets() {
        StringBuilder t = new StringBuilder("| target | ours | nchan | ratio | met? |\n|---|---|---|---|---|\n");
        boolean interleaved = !pinnedSteps(OURS).isEmpty() && !pinnedSteps(NCHAN).isEmpty();
        List<Results.Fanout> oursSteps = interleaved ? pinnedSteps(OURS) : targetSteps(OURS);
        List<Results.Fanout> nchanSteps = interleaved ? pinnedSteps(NCHAN) : targetSteps(NCHAN);
        String of = interleaved ? "interleaved fresh starts, median of " : "median of ";
        if (!oursSteps.isEmpty() && !nchanSteps.isEmpty()) {
            double o = median(oursSteps, Results.Fanout::cpuMicrosPerDelivery);
            double n = median(nchanSteps, Results.Fanout::cpuMicrosPerDelivery);
            t.append(row(String.format(Locale.ROOT, "CPU per delivery ≤ nchan's (%,d × %.0f/s, %s%d)",
                    settings.stepLevel(), settings.baseRate(), of, oursSteps.size()),
                    String.format(Locale.ROOT, "%.1f µs", o), String.format(Locale.ROOT, "%.1f µs", n), ratio(o, n), o <= n));
            double op = median(oursSteps, f -> f.publishToReceive().p99Micros());
            double np = median(nchanSteps, f -> f.publishToReceive().p99Micros());
            boolean held = oursSteps.stream().allMatch(f -> f.broken() == null);
            t.append(row(String.format(Locale.ROOT, "p99 at %,d × %.0f/s ≤ nchan's (%s%d)", settings.stepLevel(),
                    settings.baseRate(), of, oursSteps.size()),
                    String.format(Locale.ROOT, "%.2f ms", op / 1e3), String.format(Locale.ROOT, "%.2f ms", np / 1e3),
                    ratio(op, np), op <= np && held));
        }
        List<Results.Fanout> oursAll = allCoresSteps(OURS, Results.AllCoresRun::warm);
        List<Results.Fanout> nchanAll = allCoresSteps(NCHAN, Results.AllCoresRun::warm);
        if (!oursAll.isEmpty() && !nchanAll.isEmpty()) {
            double op = median(oursAll, f -> f.publishToReceive().p99Micros());
            double np = median(nchanAll, f -> f.publishToReceive().p99Micros());
            boolean held = oursAll.stream().allMatch(f -> f.broken() == null);
            t.append(row(String.format(Locale.ROOT, "p99 on every CPU at %,d × %.0f/s ≤ nchan's (warm, median of %d starts)",
                    settings.allCores().level(), settings.allCores().rate(), oursAll.size()),
                    String.format(Locale.ROOT, "%.2f ms", op / 1e3), String.format(Locale.ROOT, "%.2f ms", np / 1e3),
                    ratio(op, np), op <= np && held));
        }
        churnTarget(t, false, "churn cycles/s, handshake with the API token ≥ nchan's", 1.0);
        churnTarget(t, true, "churn cycles/s with a ticket first ≥ 0.5 × nchan's", 0.5);
        Optional<Results.Capacity> oursMem = capacityAt(OURS, settings.stepLevel());
        Optional<Results.Capacity> nchanMem = capacityAt(NCHAN, settings.stepLevel());
        Optional<Results.Capacity> oursFirst = capacityAt(OURS, settings.levels().get(0));
        Optional<Results.Capacity> nchanFirst = capacityAt(NCHAN, settings.levels().get(0));
        if (oursMem.isPresent() && nchanMem.isPresent() && oursFirst.isPresent() && nchanFirst.isPresent()
                && oursMem.get() != oursFirst.get()) {
            double o = marginalPssKb(oursFirst.get(), oursMem.get());
            double n = marginalPssKb(nchanFirst.get(), nchanMem.get());
            t.append(row(String.format(Locale.ROOT, "PSS per idle subscriber ≤ 2 × nchan's (slope %,d → %,d)",
                    settings.levels().get(0), settings.stepLevel()),
                    String.format(Locale.ROOT, "%.1f KB", o), String.format(Locale.ROOT, "%.1f KB", n), ratio(o, n), o <= 2 * n));
        }
        Optional<Results.Capacity> oursMax = maxCapacity(OURS);
        Optional<Results.Capacity> nchanMax = maxCapacity(NCHAN);
        if (oursMax.isPresent()) {
            Results.Capacity o = oursMax.get();
            boolean allReceiving = fanoutAt(OURS, o.subscribed(), settings.baseRate()).map(f -> f.lost() == 0).orElse(false);
            t.append(row("subscribers up to the descriptor limit, all receiving",
                    String.format(Locale.ROOT, "%,d of %,d%s", o.subscribed(), o.wanted(), allReceiving ? ", all receiving" : ""),
                    nchanMax.map(n -> String.format(Locale.ROOT, "%,d of %,d", n.subscribed(), n.wanted())).orElse("–"),
                    nchanMax.map(n -> ratio(o.subscribed(), n.subscribed())).orElse("–"),
                    o.subscribed() >= o.wanted() && allReceiving));
        }
        return t.toString();
    }

    /**
     * The all-cores scenario: every fresh start listed in the order run, cold and warm steps side
     * by side, then the medians of the warm steps and their ratio.
     */
    private String allCores() {
        if (results.allCores.isEmpty()) {
            return "not run\n";
        }
        Settings.AllCores all = settings.allCores();
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "%,d subscribers × %.0f/s for %.0f s a step, both servers on every CPU, in the order run:%n%n",
                all.level(), all.rate(), all.stepSeconds()));
        t.append("| start | server | cold p50 ms | cold p99 ms | cold CPU µs/delivery (JIT) | warm p50 ms | warm p99 ms "
                + "| warm CPU µs/delivery (JIT) | lost | verdict |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Results.AllCoresRun run : results.allCores) {
            Results.Fanout c = run.cold();
            Results.Fanout w = run.warm();
            String broken = c.broken() != null ? "cold: " + c.broken() : w.broken() != null ? "warm: " + w.broken() : "held";
            t.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.1f (%.0f %%) | %.1f | %.1f | %.1f (%.0f %%) | %,d | %s |%n",
                    run.repeat(), run.server(), ms(c.publishToReceive().p50Micros()), ms(c.publishToReceive().p99Micros()),
                    c.cpuMicrosPerDelivery(), c.compilerCpuShare() * 100, ms(w.publishToReceive().p50Micros()),
                    ms(w.publishToReceive().p99Micros()), w.cpuMicrosPerDelivery(), w.compilerCpuShare() * 100,
                    c.lost() + w.lost(), broken));
        }
        List<Results.Fanout> ours = allCoresSteps(OURS, Results.AllCoresRun::warm);
        List<Results.Fanout> nchan = allCoresSteps(NCHAN, Results.AllCoresRun::warm);
        List<Results.Fanout> oursCold = allCoresSteps(OURS, Results.AllCoresRun::cold);
        List<Results.Fanout> nchanCold = allCoresSteps(NCHAN, Results.AllCoresRun::cold);
        if (!ours.isEmpty() && !nchan.isEmpty()) {
            t.append("\n| median of the starts | ours | nchan | ratio |\n|---|---|---|---|\n");
            medianRow(t, "warm p50 ms", ours, nchan, f -> ms(f.publishToReceive().p50Micros()));
            medianRow(t, "warm p99 ms", ours, nchan, f -> ms(f.publishToReceive().p99Micros()));
            medianRow(t, "warm CPU µs/delivery", ours, nchan, Results.Fanout::cpuMicrosPerDelivery);
            medianRow(t, "cold p99 ms", oursCold, nchanCold, f -> ms(f.publishToReceive().p99Micros()));
            medianRow(t, "cold CPU µs/delivery", oursCold, nchanCold, Results.Fanout::cpuMicrosPerDelivery);
        }
        return t.toString();
    }

    /**
     * The interleaved pinned scenario: every fresh start in the order run, then the medians and
     * their ratio, beside those of the main pass's repeats.
     */
    private String pinned() {
        if (results.pinned.isEmpty()) {
            return "not run\n";
        }
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "%,d subscribers × %.0f/s for %.0f s, each server pinned to its core as in the main pass, freshly "
                        + "started and warmed up as there, in the order run:%n%n",
                settings.stepLevel(), settings.baseRate(), settings.stepSeconds()));
        t.append("| start | server | held | p50 ms | p99 ms | max ms | CPU µs/delivery | of it, JIT compiler | lost | verdict |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Results.PinnedRun run : results.pinned) {
            Results.Fanout f = run.step();
            t.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f %% | %,d | %s |%n",
                    run.repeat(), run.server(), f.achievedRate(), ms(f.publishToReceive().p50Micros()),
                    ms(f.publishToReceive().p99Micros()), ms(f.publishToReceive().maxMicros()), f.cpuMicrosPerDelivery(),
                    f.compilerCpuShare() * 100, f.lost(), f.broken() == null ? "held" : f.broken()));
        }
        List<Results.Fanout> ours = pinnedSteps(OURS);
        List<Results.Fanout> nchan = pinnedSteps(NCHAN);
        if (!ours.isEmpty() && !nchan.isEmpty()) {
            t.append("\n| median | ours | nchan | ratio |\n|---|---|---|---|\n");
            medianRow(t, "p50 ms, interleaved starts", ours, nchan, f -> ms(f.publishToReceive().p50Micros()));
            medianRow(t, "p99 ms, interleaved starts", ours, nchan, f -> ms(f.publishToReceive().p99Micros()));
            medianRow(t, "CPU µs/delivery, interleaved starts", ours, nchan, Results.Fanout::cpuMicrosPerDelivery);
            medianRow(t, "p99 ms, main pass", targetSteps(OURS), targetSteps(NCHAN), f -> ms(f.publishToReceive().p99Micros()));
            medianRow(t, "CPU µs/delivery, main pass", targetSteps(OURS), targetSteps(NCHAN),
                    Results.Fanout::cpuMicrosPerDelivery);
        }
        return t.toString();
    }

    private List<Results.Fanout> pinnedSteps(String server) {
        return results.pinned.stream().filter(r -> r.server().equals(server)).map(Results.PinnedRun::step).toList();
    }

    private List<Results.Fanout> allCoresSteps(String server, Function<Results.AllCoresRun, Results.Fanout> step) {
        return results.allCores.stream().filter(r -> r.server().equals(server)).map(step).toList();
    }

    /**
     * A row of medians; none where a server has no measurement (the main pass measures the targets'
     * step only when {@code --rates} includes the base rate).
     */
    private static void medianRow(StringBuilder t, String name, List<Results.Fanout> ours, List<Results.Fanout> nchan,
            ToDoubleFunction<Results.Fanout> value) {
        if (ours.isEmpty() || nchan.isEmpty()) {
            return;
        }
        double o = median(ours, value);
        double n = median(nchan, value);
        t.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s |%n", name, o, n, ratio(o, n)));
    }

    /** Every measurement of the targets' step, one row each, so the spread behind the medians shows. */
    private String targetRepeats() {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "Each measurement of %,d subscribers × %.0f/s, in the order taken:%n%n", settings.stepLevel(),
                settings.baseRate()));
        t.append("| server | measurement | held | p50 ms | p99 ms | max ms | CPU µs/delivery | of it, JIT compiler | verdict |\n");
        t.append("|---|---|---|---|---|---|---|---|---|\n");
        for (String server : List.of(OURS, NCHAN)) {
            List<Results.Fanout> steps = targetSteps(server);
            for (int i = 0; i < steps.size(); i++) {
                Results.Fanout f = steps.get(i);
                t.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.2f | %.2f | %.1f | %.1f | %.0f %% | %s |%n", server,
                        i + 1, f.achievedRate(), ms(f.publishToReceive().p50Micros()), ms(f.publishToReceive().p99Micros()),
                        ms(f.publishToReceive().maxMicros()), f.cpuMicrosPerDelivery(), f.compilerCpuShare() * 100,
                        f.broken() == null ? "held" : f.broken()));
            }
        }
        return t.toString();
    }

    /** The targets' step as measured, repeats included; the single step when none were recorded. */
    private List<Results.Fanout> targetSteps(String server) {
        List<Results.Fanout> repeated = results.targetSteps.stream().filter(f -> f.server().equals(server)).toList();
        return repeated.isEmpty() ? fanoutAt(server, settings.stepLevel(), settings.baseRate()).stream().toList() : repeated;
    }

    private static double median(List<Results.Fanout> steps, ToDoubleFunction<Results.Fanout> value) {
        double[] sorted = steps.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * A churn target's row: ours' cycles per second in the mode asked for against nchan's (whose one
     * mode subscribes in its handshake), met at {@code atLeast} × nchan's.
     */
    private void churnTarget(StringBuilder t, boolean withTicket, String target, double atLeast) {
        Optional<Results.ChurnRun> ours = results.churn.stream()
                .filter(c -> c.server().equals(OURS) && c.withTicket() == withTicket).findFirst();
        Optional<Results.ChurnRun> nchan = results.churn.stream().filter(c -> c.server().equals(NCHAN)).findFirst();
        if (ours.isPresent() && nchan.isPresent()) {
            double o = ours.get().result().perSecond();
            double n = nchan.get().result().perSecond();
            t.append(row(target, String.format(Locale.ROOT, "%,.0f/s", o), String.format(Locale.ROOT, "%,.0f/s", n),
                    ratio(o, n), n > 0 && o >= atLeast * n));
        }
    }

    private static String row(String target, String ours, String nchan, String ratio, boolean met) {
        return "| " + target + " | " + ours + " | " + nchan + " | " + ratio + " | " + (met ? "yes" : "**no**") + " |\n";
    }

    // ------------------------------------------------------------------ plots

    private void plots(Path assets) throws IOException {
        Plot latency = new Plot(String.format(Locale.ROOT, "Delivery latency at %.0f events/s", settings.baseRate()),
                "subscribers", "publish → receive, ms");
        Plot cpu = new Plot(String.format(Locale.ROOT, "Server CPU per delivery, %,d subscribers", settings.stepLevel()),
                "events per second", "CPU µs per delivery");
        Plot memory = new Plot("Server memory with idle subscribed connections", "connections", "MB");
        for (String server : List.of(OURS, NCHAN)) {
            Color color = server.equals(OURS) ? OURS_COLOR : NCHAN_COLOR;
            List<Results.Fanout> base = results.fanout.stream()
                    .filter(f -> f.server().equals(server) && f.rate() == settings.baseRate()).toList();
            latency.add(new Plot.Series(server + " p99", color, false,
                    base.stream().map(f -> new double[] {f.subscribers(), ms(f.publishToReceive().p99Micros())}).toList()));
            latency.add(new Plot.Series(server + " p50", color, true,
                    base.stream().map(f -> new double[] {f.subscribers(), ms(f.publishToReceive().p50Micros())}).toList()));
            cpu.add(new Plot.Series(server, color, false, stepped().stream().filter(f -> f.server().equals(server))
                    .map(f -> new double[] {f.rate(), f.cpuMicrosPerDelivery()}).toList()));
            List<Results.Capacity> points = results.capacity.stream().filter(c -> c.server().equals(server)).toList();
            memory.add(new Plot.Series(server + " PSS", color, false,
                    points.stream().map(c -> new double[] {c.subscribed(), c.memory().pssKb() / 1024.0}).toList()));
            if (server.equals(OURS)) {
                memory.add(new Plot.Series(server + " live heap", color, true, points.stream().filter(c -> c.heapKb() >= 0)
                        .map(c -> new double[] {c.subscribed(), c.heapKb() / 1024.0}).toList()));
            }
        }
        latency.write(assets.resolve(LATENCY_PLOT));
        cpu.write(assets.resolve(CPU_PLOT));
        memory.write(assets.resolve(MEMORY_PLOT));
    }

    // ------------------------------------------------------------------ raw numbers

    private void csv(Path assets) throws IOException {
        StringBuilder c = new StringBuilder("server,wanted,subscribed,failures,rss_kb,pss_kb,heap_kb,base_rss_kb,"
                + "base_pss_kb,base_heap_kb\n");
        results.capacity.forEach(x -> c.append(String.join(",", x.server(), "" + x.wanted(), "" + x.subscribed(),
                "" + x.failures(), "" + x.memory().rssKb(), "" + x.memory().pssKb(), "" + x.heapKb(),
                "" + x.baseline().rssKb(), "" + x.baseline().pssKb(), "" + x.baselineHeapKb())).append('\n'));
        Files.writeString(assets.resolve("capacity.csv"), c);
        StringBuilder f = new StringBuilder("server,subscribers,rate,published,achieved_rate,expected,received,"
                + "p50_us,p99_us,max_us,ts_p50_us,ts_p99_us,server_cpu_ticks,seconds,generator_cpu_share,lost_connections,"
                + "broken\n");
        results.fanout.forEach(x -> f.append(String.format(Locale.ROOT, "%s,%d,%.1f,%d,%.2f,%d,%d,%d,%d,%d,%d,%d,%d,%.2f,%.2f,%d,%s%n",
                x.server(), x.subscribers(), x.rate(), x.published(), x.achievedRate(), x.expected(), x.received(),
                x.publishToReceive().p50Micros(), x.publishToReceive().p99Micros(), x.publishToReceive().maxMicros(),
                x.timestampToReceive().p50Micros(), x.timestampToReceive().p99Micros(), x.serverCpuTicks(), x.seconds(),
                x.generatorCpuShare(), x.lostConnections(), x.broken() == null ? "" : x.broken())));
        Files.writeString(assets.resolve("fanout.csv"), f);
        StringBuilder h = new StringBuilder(
                "server,mode,cycles,failures,seconds,server_cpu_ticks,compiler_cpu_ticks,generator_cpu_ticks\n");
        results.churn.forEach(x -> h.append(String.format(Locale.ROOT, "%s,\"%s\",%d,%d,%.2f,%d,%d,%d%n", x.server(),
                x.mode(), x.result().cycles(), x.result().failures(), x.result().seconds(), x.serverCpuTicks(),
                x.compilerCpuTicks(), x.generatorCpuTicks())));
        Files.writeString(assets.resolve("churn.csv"), h);
    }

    // ------------------------------------------------------------------ helpers

    private List<Results.Fanout> stepped() {
        return results.fanout.stream().filter(this::isStepLevel).toList();
    }

    /** Fan-out steps run at the step level (its subscriber count may fall short of the level). */
    private boolean isStepLevel(Results.Fanout f) {
        Optional<Results.Capacity> level = capacityAt(f.server(), settings.stepLevel());
        return level.isPresent() && level.get().subscribed() == f.subscribers();
    }

    private Optional<Results.Fanout> fanoutAt(String server, int subscribers, double rate) {
        int actual = capacityAt(server, subscribers).map(Results.Capacity::subscribed).orElse(subscribers);
        return results.fanout.stream()
                .filter(f -> f.server().equals(server) && f.subscribers() == actual && f.rate() == rate).findFirst();
    }

    private Optional<Results.Capacity> capacityAt(String server, int level) {
        return results.capacity.stream().filter(c -> c.server().equals(server) && c.wanted() == level).findFirst();
    }

    private Optional<Results.Capacity> maxCapacity(String server) {
        List<Results.Capacity> points = results.capacity.stream().filter(c -> c.server().equals(server)).toList();
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
    }

    private TreeSet<Integer> levels() {
        return results.capacity.stream().map(Results.Capacity::wanted).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String ratio(double ours, double nchan) {
        return nchan == 0 ? "–" : String.format(Locale.ROOT, "%.2f", ours / nchan);
    }

    private static double ms(long micros) {
        return micros / 1e3;
    }

    private static String bullets(List<String> lines) {
        return lines.stream().map(l -> "- " + l).collect(Collectors.joining("\n"));
    }
}
