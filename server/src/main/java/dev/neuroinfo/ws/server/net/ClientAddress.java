package dev.neuroinfo.ws.server.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The address of the client behind a request, for logs. It is the TCP peer, unless the peer is a
 * trusted proxy: then the forwarding headers it wrote are read from the right, past every trusted
 * proxy, and the first address not trusted is the client. {@code Forwarded} (RFC 7239) wins over
 * {@code X-Forwarded-For}. A header from an untrusted peer is ignored, so a client cannot choose
 * the address it is logged under; an entry that is not an IP address (RFC 7239's {@code unknown}
 * or an obfuscated name) ends the walk at the proxy that wrote it.
 */
public final class ClientAddress {
    /** Request attribute under which a container puts the TCP peer's IP address for the HTTP API. */
    public static final String PEER_ATTRIBUTE = ClientAddress.class.getName() + ".peer";

    private ClientAddress() {
    }

    /**
     * The client's address.
     *
     * @param peer    the TCP peer's IP address, or null when the container does not tell
     * @param header  looks a request header up by name, null when absent
     * @param trusted the proxies whose headers count
     * @return the client's IP address, the peer's when no trusted proxy says otherwise, or null
     *         when even the peer is unknown
     */
    public static String resolve(String peer, Function<String, String> header, TrustedProxies trusted) {
        if (peer == null || !trusted.trusts(peer)) {
            return peer;
        }
        List<String> hops = forwardedFor(header.apply("Forwarded"));
        if (hops.isEmpty()) {
            hops = list(header.apply("X-Forwarded-For"));
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiteral.parse(hops.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get().getHostAddress();
            if (!trusted.trusts(client)) {
                return client;
            }
        }
        return client;
    }

    /** The {@code for=} values of a {@code Forwarded} header, ports and brackets removed. */
    static List<String> forwardedFor(String value) {
        List<String> hops = new ArrayList<>();
        if (value == null) {
            return hops;
        }
        for (String element : value.split(",")) {
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && "for".equalsIgnoreCase(pair.substring(0, eq).trim())) {
                    hops.add(withoutPort(unquote(pair.substring(eq + 1).trim())));
                }
            }
        }
        return hops;
    }

    private static List<String> list(String value) {
        List<String> hops = new ArrayList<>();
        if (value != null) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(withoutPort(hop.trim()));
                }
            }
        }
        return hops;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** {@code [2001:db8::1]:4711} and {@code 192.0.2.1:4711} to their addresses; others unchanged. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }
}
