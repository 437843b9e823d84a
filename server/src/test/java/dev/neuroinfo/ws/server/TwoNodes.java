package dev.neuroinfo.ws.server;

/**
 * One seam as two nodes of one deployment see it, for the seams' contract tests: whatever one node
 * does, the other must see. A seam of a single server is both nodes at once.
 *
 * @param first  the seam as the first node sees it
 * @param second the seam as the second node sees it
 */
public record TwoNodes<T>(T first, T second) {
    /** A seam that lives on one server only: both nodes are that server. */
    public static <T> TwoNodes<T> alone(T only) {
        return new TwoNodes<>(only, only);
    }

    /** The first node for even {@code i}, the second for odd ones, to spread calls over both. */
    public T either(int i) {
        return i % 2 == 0 ? first : second;
    }
}
