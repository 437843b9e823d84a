package dev.neuroinfo.ws.bench;

import java.util.ArrayList;
import java.util.List;

/** Everything one run measured, for the report and the CSV files. */
final class Results {
    /**
     * Memory with {@code subscribed} idle, subscribed connections open. Baseline values are the
     * same server with none open, after the warm-up.
     */
    record Capacity(String server, int wanted, int subscribed, int failures, ProcStats.Memory memory, long heapKb,
            ProcStats.Memory baseline, long baselineHeapKb, String lastError) {
        double pssPerConnectionKb() {
            return subscribed == 0 ? 0 : (memory.pssKb() - baseline.pssKb()) / (double) subscribed;
        }

        double rssPerConnectionKb() {
            return subscribed == 0 ? 0 : (memory.rssKb() - baseline.rssKb()) / (double) subscribed;
        }

        double heapPerConnectionKb() {
            return subscribed == 0 || heapKb < 0 ? -1 : (heapKb - baselineHeapKb) / (double) subscribed;
        }
    }

    /** One fan-out step: a rate held for a while to N subscribers. */
    record Fanout(String server, int subscribers, double rate, int published, double achievedRate, long expected,
            long received, LatencyRecorder.Summary publishToReceive, LatencyRecorder.Summary timestampToReceive,
            long serverCpuTicks, long compilerCpuTicks, double seconds, double generatorCpuShare, int lostConnections,
            String broken) {
        double cpuMicrosPerDelivery() {
            return received == 0 ? 0 : serverCpuTicks * (1e6 / ProcStats.TICKS_PER_SECOND) / received;
        }

        /** The part of the server's CPU in the step that its JIT compiler threads took (0 for nchan). */
        double compilerCpuShare() {
            return serverCpuTicks == 0 ? 0 : compilerCpuTicks / (double) serverCpuTicks;
        }

        double deliveriesPerSecond() {
            return seconds == 0 ? 0 : received / seconds;
        }

        double serverCpuShare() {
            return seconds == 0 ? 0 : serverCpuTicks / (double) ProcStats.TICKS_PER_SECOND / seconds;
        }

        long lost() {
            return Math.max(0, expected - received);
        }
    }

    /** One fresh start of the interleaved pinned scenario: its measurement of the targets' step. */
    record PinnedRun(String server, int repeat, Fanout step) {
    }

    /**
     * One fresh start of a server on every CPU: its first step after the start (the JIT still
     * compiling, as after a deploy) and a second step once warm.
     */
    record AllCoresRun(String server, int repeat, Fanout cold, Fanout warm) {
    }

    /**
     * A churn run.
     *
     * @param withTicket whether each cycle fetched a ticket first (the targets ask less of those)
     */
    record ChurnRun(String server, String mode, boolean withTicket, Churn.Result result, long serverCpuTicks,
            long compilerCpuTicks, long generatorCpuTicks) {
        double cpuMicrosPerCycle() {
            return perCycle(serverCpuTicks);
        }

        /**
         * The part of the server's CPU in the run that its JIT compiler threads took (0 for nchan):
         * above a few percent the run measured a server still compiling, not a warm one.
         */
        double compilerCpuShare() {
            return serverCpuTicks == 0 ? 0 : compilerCpuTicks / (double) serverCpuTicks;
        }

        /**
         * The load generator's own CPU per cycle: where it nears the generator's core's worth per
         * second, the client, not the server, set the pace.
         */
        double generatorMicrosPerCycle() {
            return perCycle(generatorCpuTicks);
        }

        private double perCycle(long ticks) {
            return result.cycles() == 0 ? 0 : ticks * (1e6 / ProcStats.TICKS_PER_SECOND) / result.cycles();
        }
    }

    /** A JMH result: average time per operation. */
    record Codec(String benchmark, double nanosPerOp, double error) {
    }

    final List<Capacity> capacity = new ArrayList<>();
    final List<Fanout> fanout = new ArrayList<>();
    /** Every measurement of the targets' step, the one in {@link #fanout} included. */
    final List<Fanout> targetSteps = new ArrayList<>();
    final List<ChurnRun> churn = new ArrayList<>();
    /** The all-cores scenario, in the order run (ours and nchan interleaved). */
    final List<PinnedRun> pinned = new ArrayList<>();
    final List<AllCoresRun> allCores = new ArrayList<>();
    final List<Codec> codec = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
}
