package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.http.HttpCodecIndex;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpBrokenContent;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Closes an HTTP API connection whose request body the HTTP codec could not decode (a chunk size
 * that is not hexadecimal, say), with one debug line, before the broken body reaches Grizzly's
 * server filter. The codec has answered 400 by then. When the body broke in the read that carried
 * the request's head, the server filter, setting up the request, throws the codec's exception,
 * which Grizzly's filter chain logs at WARNING with its stack trace: anyone, without a token, could
 * buy 27 log lines per connection. A handler already waiting for the body sees the connection
 * closed instead, as for a client that closed it half-way.
 */
final class BrokenBodyGuard implements AddOn {
    private static final System.Logger LOG = System.getLogger(BrokenBodyGuard.class.getName());

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        builder.add(HttpCodecIndex.in(builder, BrokenBodyGuard.class) + 1, new BaseFilter() {
            @Override
            public NextAction handleRead(FilterChainContext ctx) {
                if (ctx.getMessage() instanceof HttpBrokenContent broken) {
                    LOG.log(System.Logger.Level.DEBUG, "request body not decodable ({0}), connection closed",
                            broken.getException().getClass().getSimpleName());
                    ctx.getConnection().closeSilently();
                    return ctx.getStopAction();
                }
                return ctx.getInvokeAction();
            }
        });
    }
}
