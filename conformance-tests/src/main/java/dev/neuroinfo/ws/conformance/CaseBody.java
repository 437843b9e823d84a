package dev.neuroinfo.ws.conformance;

/** What a case does; it throws {@link CaseFailure} when the server is wrong. */
@FunctionalInterface
public interface CaseBody {
    void run(CaseContext context) throws Exception;
}
