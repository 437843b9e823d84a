package dev.neuroinfo.ws.bench;

import java.util.List;

/**
 * The scale of a run.
 *
 * @param levels idle subscriber counts for the capacity scenario, in increasing order
 * @param baseRate events per second of the fan-out step at every level (latency vs subscribers)
 * @param stepLevel the level at which the rate is stepped up through {@code rates}
 * @param rates events per second, increasing, tried at {@code stepLevel} until latency or loss breaks
 * @param stepSeconds how long each fan-out step publishes
 * @param minEvents at least this many events per step
 * @param warmupEvents events published to a few subscribers before measuring, so the JIT has
 *     compiled the publish path: Jersey's and HK2's methods on it reach C2 only after about
 *     10,000 requests, so with 10,000 the third measured step still compiled them
 * @param churnSeconds how long each churn mode is measured
 * @param churnWarmupSeconds how long each churn mode runs unmeasured first (the JIT compiling the
 *     handshake path on one core takes about half a minute)
 * @param churnThreads concurrent churn cycles
 * @param churnTokens API tokens created for ticket churn (each good for 95 tickets a minute)
 * @param breakP99Millis a step whose p99 exceeds this counts as broken
 * @param targetRepeats how many times the targets' step (the step level at the base rate) is
 *     measured; the targets compare medians, because single steps on a shared VM vary by 15 %
 * @param pinnedRepeats fresh starts of each server, interleaved ours, nchan, ours, ..., pinned
 *     as in the main pass, each measuring the targets' step once; the targets compare these (0:
 *     skipped, the targets then compare the main pass's repeats)
 * @param idleWaitSeconds how long to wait at most, before a measurement, for the server's compiler
 *     queue to drain (the server's CPU under 3 % of a core)
 * @param warmSteps unmeasured steps a fresh start (pinned or all-cores warm) runs at its level
 *     before the one it measures
 * @param allCores the all-cores scenario
 */
record Settings(List<Integer> levels, double baseRate, int stepLevel, List<Double> rates, double stepSeconds,
        int minEvents, int warmupEvents, double churnSeconds, double churnWarmupSeconds,
        int churnThreads, int churnTokens, long breakP99Millis, int targetRepeats, int pinnedRepeats,
        int idleWaitSeconds, int warmSteps, AllCores allCores) {

    /**
     * Both servers free to use every CPU, each freshly started, interleaved ours, nchan, ours,
     * nchan, ... so that the machine's drift during the run falls on both alike.
     *
     * @param level       subscribers
     * @param rate        events per second
     * @param stepSeconds how long each step publishes
     * @param repeats     fresh starts of each server (0: the scenario is skipped)
     */
    record AllCores(int level, double rate, double stepSeconds, int repeats) {
    }
}
