package dev.neuroinfo.ws.server.embedded;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * Sits in front of Grizzly's HTTP codec and takes every read of an upgraded connection straight
 * to Tyrus, so that the codec's state for the handshake request can be dropped. The codec would
 * otherwise keep that request, its response and their header objects (about 10 KB, the largest
 * part of what an idle subscriber costs) for the life of the connection, only to wrap each read
 * of WebSocket bytes in it as HTTP content.
 *
 * <p>Tyrus reads nothing of that wrapper but the bytes, so they travel in a shared placeholder
 * request that nobody modifies. Before they do, the connection's {@link InboundGuard} checks their
 * frame headers and takes the pings out.
 */
final class UpgradedReadFilter extends BaseFilter {
    private static final Attribute<InboundGuard> UPGRADED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(UpgradedReadFilter.class.getName() + ".upgraded");
    private static final HttpRequestPacket PLACEHOLDER = HttpRequestPacket.builder()
            .method(Method.GET).uri("/").protocol(Protocol.HTTP_1_1).build();

    private final Filter tyrus;

    /** @param tyrus the Tyrus filter the codec would have passed upgraded reads to */
    UpgradedReadFilter(Filter tyrus) {
        this.tyrus = tyrus;
    }

    /**
     * Switches a connection to direct reads once the read carrying its handshake has been
     * processed to the end, if Tyrus answered it 101: Tyrus then has its connection, and the codec
     * needs the request no longer.
     */
    static void switchAfter(FilterChainContext handshake, HttpRequestPacket request, InboundGuard guard) {
        Connection<?> connection = handshake.getConnection();
        handshake.addCompletionListener(done -> {
            boolean upgraded = request.getResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS_101.getStatusCode();
            if (upgraded && connection.isOpen()) {
                UPGRADED.set(connection, guard);
                connection.getAttributes().removeAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
            }
        });
    }

    /** Whether a connection completed its upgrade. */
    static boolean isUpgraded(Connection<?> connection) {
        return UPGRADED.get(connection) != null;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        InboundGuard guard = UPGRADED.get(ctx.getConnection());
        if (guard == null) {
            return ctx.getInvokeAction();
        }
        if (!ctx.getConnection().isOpen()) {
            // closed on another thread meanwhile: Tyrus has dropped its state for it, and its bytes are moot
            return ctx.getStopAction();
        }
        Buffer bytes = guard.inspect(ctx.getMessage());
        if (bytes == null) {
            return ctx.getStopAction();
        }
        ctx.setMessage(HttpContent.builder(PLACEHOLDER).content(bytes).build());
        NextAction next;
        try {
            next = tyrus.handleRead(ctx);
        } catch (NullPointerException e) {
            // Tyrus's filter reads its per-connection state unchecked, and a close on another thread
            // (revocation, a slow consumer) may remove it after the check above
            if (!ctx.getConnection().isOpen()) {
                return ctx.getStopAction();
            }
            throw e;
        }
        // Tyrus passes on the reads of a connection it has already let go (the server closed it and
        // the client's answer came after); the codec after this filter cannot take WebSocket bytes,
        // and failed with a logged ClassCastException for each such connection
        return next.type() == ctx.getInvokeAction().type() ? ctx.getStopAction() : next;
    }
}
