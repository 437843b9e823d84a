package dev.neuroinfo.ws.server.http;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Makes a Grizzly listener treat requests carrying {@code Upgrade} (e.g. the {@code h2c} offer
 * that Java's {@code HttpClient} adds to every cleartext request) as the plain HTTP/1.1 requests
 * they also are. Without it Grizzly marks such a request "upgraded" and then omits
 * {@code Content-Type} from the answer and leaves request bodies unframed, although the API port
 * never upgrades anything. Register it on the HTTP API's listener before the server starts:
 *
 * <pre>{@code
 * HttpServer http = GrizzlyHttpServerFactory.createHttpServer(uri, new ApiApplication(context), false);
 * http.getListeners().forEach(listener -> listener.registerAddOn(new PlainHttpAddOn()));
 * http.start();
 * }</pre>
 *
 * Grizzly-specific on purpose: servlet containers handle this themselves.
 */
public final class PlainHttpAddOn implements AddOn {
    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        builder.add(HttpCodecIndex.in(builder, PlainHttpAddOn.class) + 1, new DeclineUpgradeFilter());
    }

    /** Clears the upgrade marking the codec has just set, before it reads the request body. */
    private static final class DeclineUpgradeFilter extends BaseFilter {
        @Override
        public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) {
            if (event instanceof HttpEvents.IncomingHttpUpgradeEvent upgrade) {
                HttpHeader header = upgrade.getHttpHeader();
                header.setIgnoreContentModifiers(false);
                header.getUpgradeDC().recycle();
                return ctx.getStopAction();
            }
            return ctx.getInvokeAction();
        }
    }
}
