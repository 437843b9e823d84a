package dev.neuroinfo.ws.server;

import org.junit.jupiter.api.BeforeEach;

/**
 * A seam's contract test whose seam is deployed afresh on two nodes before each test: the subclass
 * for an implementation says how ({@link #nodes()}), the contract says what must hold.
 *
 * @param <T> the seam
 */
public abstract class TwoNodeContract<T> {
    /** This test's deployment. */
    protected TwoNodes<T> deployment;
    /** The seam as the first node sees it. */
    protected T a;
    /** The seam as the second node sees it. */
    protected T b;

    /** A fresh, empty seam as two nodes of one deployment see it. */
    protected abstract TwoNodes<T> nodes() throws Exception;

    @BeforeEach
    final void deploy() throws Exception {
        deployment = nodes();
        a = deployment.first();
        b = deployment.second();
    }
}
