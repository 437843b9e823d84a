package dev.neuroinfo.ws.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/** The catalogue of cases and the runner that applies them to one server. */
public final class ConformanceSuite {
    private static final System.Logger LOG = System.getLogger(ConformanceSuite.class.getName());

    private ConformanceSuite() {
    }

    /** Every case, in run order: quick stateless checks first, probes that wait last. */
    public static List<ConformanceCase> allCases() {
        List<ConformanceCase> all = new ArrayList<>();
        all.addAll(TicketEndpointCases.cases());
        all.addAll(HandshakeCases.cases());
        all.addAll(TicketCases.cases());
        all.addAll(LimitCases.cases());
        all.addAll(SessionCases.cases());
        all.addAll(InvalidInputCases.cases());
        all.addAll(EventCases.cases());
        all.addAll(RecoveryCases.cases());
        all.addAll(InbandAuthCases.cases());
        all.addAll(KeepaliveCases.cases());
        return List.copyOf(all);
    }

    /**
     * Runs the selected cases one after the other.
     *
     * @param config   the server and flags
     * @param listener told of each result as soon as it is known
     * @return the results in run order
     */
    public static SuiteRun run(SuiteConfig config, Consumer<CaseResult> listener) {
        List<ConformanceCase> selected = allCases().stream().filter(config::selects).toList();
        List<CaseResult> results = new ArrayList<>();
        try (SuiteState state = new SuiteState(config)) {
            KeepaliveCases.startEarly(state, selected);
            InbandAuthCases.startEarly(state, selected);
            for (ConformanceCase c : selected) {
                CaseResult result = runOne(c, state);
                results.add(result);
                listener.accept(result);
            }
        }
        return new SuiteRun(config, results);
    }

    private static CaseResult runOne(ConformanceCase c, SuiteState state) {
        SuiteConfig config = state.config();
        List<String> missing = c.needs().stream().filter(n -> !n.metBy(config)).map(Need::flag).toList();
        if (!missing.isEmpty()) {
            return new CaseResult(c, Verdict.SKIP, "needs " + String.join(" and ", missing), List.of(), 0);
        }
        if (!config.slow() && c.isSlow(config)) {
            return new CaseResult(c, Verdict.SKIP, "waits up to " + c.longestWait().apply(config).toSeconds()
                    + " s; needs --slow", List.of(), 0);
        }
        long start = System.nanoTime();
        CaseContext context = new CaseContext(state);
        try {
            c.body().run(context);
            return result(c, Verdict.PASS, "", List.of(), start);
        } catch (CaseFailure f) {
            return failure(c, f, context, start);
        } catch (NotApplicable n) {
            return result(c, Verdict.NA, n.getMessage(), List.of(), start);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CaseFailure f) {
                return failure(c, f, context, start);
            }
            return crashed(c, e.getCause(), context, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return crashed(c, e, context, start);
        } catch (Exception | AssertionError e) {
            return crashed(c, e, context, start);
        } finally {
            context.close();
        }
    }

    private static CaseResult failure(ConformanceCase c, CaseFailure f, CaseContext context, long start) {
        return result(c, Verdict.FAIL, "expected: " + f.expected() + "\n     got: " + f.actual(),
                context.transcript().tail(), start);
    }

    /** An I/O error or timeout is the server's behaviour too: reported as a failure with the exception. */
    private static CaseResult crashed(ConformanceCase c, Throwable e, CaseContext context, long start) {
        LOG.log(System.Logger.Level.DEBUG, "case " + c.id() + " ended with an exception", e);
        return result(c, Verdict.FAIL, "expected: the exchange to complete\n     got: " + e, context.transcript().tail(),
                start);
    }

    private static CaseResult result(ConformanceCase c, Verdict v, String detail, List<String> wire, long start) {
        return new CaseResult(c, v, detail, wire, (System.nanoTime() - start) / 1_000_000);
    }
}
