package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.http.HttpCodecIndex;
import dev.neuroinfo.ws.server.net.ClientAddress;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Tells the HTTP API the TCP peer of each request, in the request attribute
 * {@link ClientAddress#PEER_ATTRIBUTE} (Jersey reads Grizzly's request attributes as request
 * properties), as a servlet container's {@code getRemoteAddr()} does for the WAR.
 */
final class PeerAddressAddOn implements AddOn {
    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        builder.add(HttpCodecIndex.in(builder, PeerAddressAddOn.class) + 1, new PeerFilter());
    }

    private static final class PeerFilter extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) {
            if (ctx.getMessage() instanceof HttpContent content
                    && content.getHttpHeader() instanceof HttpRequestPacket request
                    && request.getAttribute(ClientAddress.PEER_ATTRIBUTE) == null) {
                String peer = GrizzlyGateFilter.peerOf(ctx.getConnection());
                if (peer != null) {
                    request.setAttribute(ClientAddress.PEER_ATTRIBUTE, peer);
                }
            }
            return ctx.getInvokeAction();
        }
    }
}
