package dev.neuroinfo.ws.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The scenarios against one server, in one pass: idle connections are opened level by level
 * (capacity), and at each level events are published to them (fan-out); at the step level the
 * rate goes up until latency or loss breaks. Then connection churn.
 */
final class Scenarios {
    /** Subscribers of the publish path's warm-up: few, so that it is the publish path that warms. */
    private static final int PUBLISH_WARMUP_SUBSCRIBERS = 10;
    private static final double PUBLISH_WARMUP_RATE = 1_000;
    /** Events of the fan-out warm-up at up to a thousand subscribers, after the publish path's. */
    private static final int FANOUT_WARMUP_EVENTS = 300;

    private final Settings settings;
    private final Results results;
    private final Consumer<String> log;
    private final EventFactory events = new EventFactory();
    private final SendTimes sendTimes = new SendTimes(2_000_000);
    private int nextSeq;

    Scenarios(Settings settings, Results results, Consumer<String> log) {
        this.settings = settings;
        this.results = results;
        this.log = log;
    }

    void run(ServerUnderTest server) throws IOException, InterruptedException {
        String channel = "bench" + server.name();
        try (LoadGenerator generator = new LoadGenerator(server.subscribers(channel), sendTimes, 16_000_000);
                Publisher publisher = new Publisher(server.publisher(channel, events))) {
            warmUp(server, generator, publisher);
            awaitIdle(server);
            ProcStats.Memory baseline = ProcStats.memory(server.pid());
            long baselineHeap = server.jvm() ? ProcStats.liveHeapKb(server.pid()) : -1;
            log.accept(server.name() + " baseline " + baseline + " heapKb=" + baselineHeap);
            for (int level : settings.levels()) {
                int got = generator.connect(level, Duration.ofMillis(Math.max(60_000, level * 10L)));
                Thread.sleep(2_000); // let accept queues and lazy allocations settle
                got = generator.subscribed();
                ProcStats.Memory memory = ProcStats.memory(server.pid());
                long heap = server.jvm() ? ProcStats.liveHeapKb(server.pid()) : -1;
                Results.Capacity point = new Results.Capacity(server.name(), level, got, generator.failures(), memory,
                        heap, baseline, baselineHeap, generator.lastError());
                results.capacity.add(point);
                log.accept(String.format("%s capacity %d/%d pss/conn=%.1fKB rss/conn=%.1fKB heap/conn=%.1fKB err=%s",
                        server.name(), got, level, point.pssPerConnectionKb(), point.rssPerConnectionKb(),
                        point.heapPerConnectionKb(), generator.lastError()));
                if (level == settings.stepLevel()) {
                    // Unmeasured, like the warm-up at the start: the JIT adapts to this many
                    // subscribers, and the steps below are meant to compare steady states.
                    measure(server, generator, publisher, settings.baseRate(), settings.stepSeconds(), " (warm-up, not kept)");
                    // and what that step left the compiler to do is done before measuring
                    awaitIdle(server);
                    for (double rate : settings.rates()) {
                        Results.Fanout step = fanout(server, generator, publisher, rate);
                        if (rate == settings.baseRate()) {
                            repeatTargetStep(server, generator, publisher, step);
                        }
                        if (step.broken() != null && rate >= settings.baseRate()) {
                            break;
                        }
                    }
                } else {
                    fanout(server, generator, publisher, settings.baseRate());
                }
                if (got < level) {
                    results.notes.add(server.name() + ": " + got + " of " + level + " connections subscribed ("
                            + generator.lastError() + "); no higher level tried");
                    break;
                }
            }
            generator.closeAll();
        }
        Thread.sleep(1_000);
        for (Churn.Mode mode : server.churnModes(channel)) {
            // Unmeasured first, like the fan-out warm-up: otherwise the JIT compiling the
            // handshake path would be a large share of a short churn's CPU. A ticket cycle's
            // warm-up may spend at most half the tickets the tokens allow, so that the
            // measurement has the other half.
            int warmupCycles = mode.tickets() == null ? Integer.MAX_VALUE : mode.tickets().capacity() / 2;
            Churn.run(mode, settings.churnThreads(), settings.churnWarmupSeconds(), warmupCycles);
            long before = ProcStats.cpuTicks(server.pid());
            long compilerBefore = ProcStats.compilerTicks(server.pid());
            long selfBefore = ProcStats.selfCpuTicks();
            Churn.Result result = Churn.run(mode, settings.churnThreads(), settings.churnSeconds(), Integer.MAX_VALUE);
            long ticks = ProcStats.cpuTicks(server.pid()) - before;
            long compiler = ProcStats.compilerTicks(server.pid()) - compilerBefore;
            long selfTicks = ProcStats.selfCpuTicks() - selfBefore;
            Results.ChurnRun run = new Results.ChurnRun(server.name(), mode.name(), mode.tickets() != null, result, ticks,
                    compiler, selfTicks);
            results.churn.add(run);
            log.accept(String.format("%s churn [%s] %.0f/s cpu/cycle=%.0fus (jit %.0f%%) generator=%.0fus failures=%d %s",
                    server.name(), mode.name(), result.perSecond(), run.cpuMicrosPerCycle(), run.compilerCpuShare() * 100,
                    run.generatorMicrosPerCycle(), result.failures(), result.lastError() == null ? "" : result.lastError()));
        }
    }

    /**
     * The interleaved pinned scenario's part for one fresh start of a server: the targets' step,
     * measured warm as in the main pass.
     */
    void pinned(ServerUnderTest server, int repeat) throws IOException, InterruptedException {
        String channel = "pinned" + server.name() + repeat;
        try (LoadGenerator generator = new LoadGenerator(server.subscribers(channel), sendTimes, 16_000_000);
                Publisher publisher = new Publisher(server.publisher(channel, events))) {
            Results.Fanout step = warmStep(server, generator, publisher, settings.stepLevel(), settings.baseRate(),
                    settings.stepSeconds(), "pinned, start " + repeat);
            results.pinned.add(new Results.PinnedRun(server.name(), repeat, step));
            generator.closeAll();
        }
    }

    /**
     * The all-cores scenario's part for one fresh start of a server: a cold step right after the
     * subscribers connect, as after a deploy, then the same step warm, measured as the pinned
     * starts measure theirs; both kept.
     */
    void allCores(ServerUnderTest server, int repeat) throws IOException, InterruptedException {
        Settings.AllCores all = settings.allCores();
        String channel = "allcores" + server.name() + repeat;
        String label = "all cores, start " + repeat;
        try (LoadGenerator generator = new LoadGenerator(server.subscribers(channel), sendTimes, 16_000_000);
                Publisher publisher = new Publisher(server.publisher(channel, events))) {
            connect(server, generator, all.level(), label + ", cold");
            Results.Fanout cold = measure(server, generator, publisher, all.rate(), all.stepSeconds(),
                    " (" + label + ", cold)");
            generator.closeAll();
            Results.Fanout warm = warmStep(server, generator, publisher, all.level(), all.rate(), all.stepSeconds(),
                    label + ", warm");
            results.allCores.add(new Results.AllCoresRun(server.name(), repeat, cold, warm));
            generator.closeAll();
        }
    }

    /**
     * One step measured in a steady state: the warm-up the main pass starts with, then {@code level}
     * subscribers, an unmeasured step at {@code rate} (the JIT adapting to this many subscribers),
     * and the step that counts, with the compiler's queue drained before each.
     */
    private Results.Fanout warmStep(ServerUnderTest server, LoadGenerator generator, Publisher publisher, int level,
            double rate, double seconds, String label) throws IOException, InterruptedException {
        warmUp(server, generator, publisher);
        awaitIdle(server);
        connect(server, generator, level, label);
        for (int step = 1; step <= settings.warmSteps(); step++) {
            measure(server, generator, publisher, rate, seconds, " (" + label + ", warm-up " + step + ", not kept)");
        }
        awaitIdle(server);
        return measure(server, generator, publisher, rate, seconds, " (" + label + ")");
    }

    /** Connects {@code level} subscribers, noting in the results when fewer subscribed. */
    private void connect(ServerUnderTest server, LoadGenerator generator, int level, String label)
            throws IOException, InterruptedException {
        int got = generator.connect(level, Duration.ofMillis(Math.max(60_000, level * 10L)));
        Thread.sleep(2_000); // let accept queues and lazy allocations settle
        if (got < level) {
            results.notes.add(String.format("%s, %s: %d of %d connections subscribed (%s)", server.name(), label,
                    generator.subscribed(), level, generator.lastError()));
        }
    }

    /**
     * Connections and publishes before measuring, the same for both servers, then all closed.
     * Publishing comes first and goes to few subscribers, fast: the steps publish only a few events
     * a second, so without it a JVM's compiler was still compiling the publish path (the admin
     * request, its validation, the journal) during the measured steps, 5 to 10 % of the first
     * one's CPU. The fan-out path warms with the connections and the unmeasured step.
     */
    private void warmUp(ServerUnderTest server, LoadGenerator generator, Publisher publisher)
            throws IOException, InterruptedException {
        generator.connect(Math.min(PUBLISH_WARMUP_SUBSCRIBERS, settings.levels().get(0)), Duration.ofSeconds(60));
        publish(publisher, settings.warmupEvents(), PUBLISH_WARMUP_RATE);
        int connections = Math.min(1_000, settings.levels().get(0));
        generator.connect(connections, Duration.ofSeconds(60));
        publish(publisher, FANOUT_WARMUP_EVENTS, 50);
        Thread.sleep(1_000);
        generator.closeAll();
        Thread.sleep(2_000);
        log.accept(server.name() + " warmed up with " + settings.warmupEvents() + " events to "
                + PUBLISH_WARMUP_SUBSCRIBERS + " subscribers, then " + connections + " connections and "
                + FANOUT_WARMUP_EVENTS + " events");
    }

    private void publish(Publisher publisher, int count, double rate) throws IOException, InterruptedException {
        int first = nextSeq;
        nextSeq += count;
        publisher.run(first, count, rate, sendTimes);
    }

    /**
     * Waits (at most the settings' idle wait) until the server uses under 3 % of a core, so that
     * compilation queued by the warm-up is done before anything is measured.
     */
    private void awaitIdle(ServerUnderTest server) throws InterruptedException {
        long deadline = System.nanoTime() + settings.idleWaitSeconds() * 1_000_000_000L;
        long start = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long before = ProcStats.cpuTicks(server.pid());
            Thread.sleep(1_000);
            if (ProcStats.cpuTicks(server.pid()) - before <= 3) {
                break;
            }
        }
        log.accept(String.format("%s idle after %.0f s", server.name(), (System.nanoTime() - start) / 1e9));
    }

    /**
     * Measures the targets' step again, until it has been measured {@code targetRepeats} times; the
     * repeats go only into {@link Results#targetSteps}, so every other table keeps one step a rate.
     */
    private void repeatTargetStep(ServerUnderTest server, LoadGenerator generator, Publisher publisher,
            Results.Fanout first) throws IOException, InterruptedException {
        results.targetSteps.add(first);
        for (int i = 1; i < settings.targetRepeats(); i++) {
            results.targetSteps.add(measure(server, generator, publisher, settings.baseRate(), settings.stepSeconds(), " (repeat " + i + ")"));
        }
    }

    /** One fan-out step at {@code rate} to every subscribed connection, kept in the results. */
    Results.Fanout fanout(ServerUnderTest server, LoadGenerator generator, Publisher publisher, double rate)
            throws IOException, InterruptedException {
        Results.Fanout step = measure(server, generator, publisher, rate, settings.stepSeconds(), "");
        results.fanout.add(step);
        return step;
    }

    private Results.Fanout measure(ServerUnderTest server, LoadGenerator generator, Publisher publisher, double rate,
            double stepSeconds, String label) throws IOException, InterruptedException {
        int subscribers = generator.subscribed();
        int lostBefore = generator.lost();
        int count = Math.max(settings.minEvents(), (int) Math.round(rate * stepSeconds));
        int first = nextSeq;
        nextSeq += count;
        generator.beginStep(first);
        long cpuBefore = ProcStats.cpuTicks(server.pid());
        long compilerBefore = ProcStats.compilerTicks(server.pid());
        long selfBefore = ProcStats.selfCpuTicks();
        long start = System.nanoTime();
        Publisher.Result published = publisher.run(first, count, rate, sendTimes);
        long expected = (long) published.published() * subscribers;
        awaitDeliveries(generator, expected);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = ProcStats.cpuTicks(server.pid()) - cpuBefore;
        long compiler = ProcStats.compilerTicks(server.pid()) - compilerBefore;
        double generatorShare = (ProcStats.selfCpuTicks() - selfBefore) / (double) ProcStats.TICKS_PER_SECOND / seconds;
        LoadGenerator.StepResult seen = generator.endStep();
        int lost = generator.lost() - lostBefore;
        String broken = null;
        if (seen.eventsReceived() < expected * 0.999) {
            broken = "loss";
        } else if (seen.publishToReceive().p99Micros() > settings.breakP99Millis() * 1_000) {
            broken = "p99 > " + settings.breakP99Millis() + " ms";
        } else if (published.rate() < rate * 0.9) {
            broken = "publish rate not held";
        } else if (lost > 0) {
            broken = "connections lost";
        }
        Results.Fanout step = new Results.Fanout(server.name(), subscribers, rate, published.published(),
                published.rate(), expected, seen.eventsReceived(), seen.publishToReceive(), seen.timestampToReceive(),
                cpu, compiler, seconds, generatorShare, lost, broken);
        log.accept(String.format("%s fanout%s N=%d rate=%.0f/s (held %.1f) recv=%d/%d p50=%.2fms p99=%.2fms max=%.1fms "
                        + "cpu/delivery=%.1fus (jit %.0f%%) server=%.0f%% generator=%.0f%% %s",
                server.name(), label, subscribers, rate, published.rate(), seen.eventsReceived(), expected,
                seen.publishToReceive().p50Micros() / 1e3, seen.publishToReceive().p99Micros() / 1e3,
                seen.publishToReceive().maxMicros() / 1e3, step.cpuMicrosPerDelivery(), step.compilerCpuShare() * 100,
                step.serverCpuShare() * 100, generatorShare * 100, broken == null ? "" : "BROKEN: " + broken));
        return step;
    }

    /** Waits until every expected event arrived, or nothing arrived for 3 s (at most 60 s). */
    private static void awaitDeliveries(LoadGenerator generator, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long last = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long seen = generator.stepEvents();
            if (seen >= expected) {
                return;
            }
            if (seen != last) {
                last = seen;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > 3_000_000_000L) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
