package dev.neuroinfo.ws.server.http;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpServerFilter;

/**
 * Where a Grizzly listener's HTTP codec sits in its filter chain, for the add-ons that place their
 * filters around it. An add-on registered on a listener without one has nothing to work on and
 * says so at start instead of inserting its filters at a meaningless position.
 */
public final class HttpCodecIndex {
    private HttpCodecIndex() {
    }

    /**
     * @param builder the listener's filter chain, as handed to an add-on's {@code setup}
     * @param addOn   the add-on asking, named in the failure
     * @return the index of the chain's HTTP codec
     * @throws IllegalStateException when the chain has no HTTP codec
     */
    public static int in(FilterChainBuilder builder, Class<?> addOn) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException(addOn.getSimpleName() + " needs a listener with an HTTP codec; this one has none");
        }
        return codec;
    }
}
