package dev.neuroinfo.ws.server.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies whose {@code Forwarded} and {@code X-Forwarded-For} headers the server
 * believes, as addresses and CIDR ranges ({@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1}).
 * Nobody by default: a header any client can send names nobody's address unless a proxy the
 * operator runs wrote it.
 */
public final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Trusts nobody. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Parses a comma-separated list of IP addresses and CIDR ranges; blank or null trusts nobody.
     *
     * @throws IllegalArgumentException naming the entry that is not an address or range
     */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String entry : list.split(",")) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                ranges.add(Range.parse(trimmed));
            }
        }
        return new TrustedProxies(ranges);
    }

    /** Whether nobody is trusted. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether an address (an IP literal) belongs to a trusted proxy. */
    public boolean trusts(String address) {
        if (ranges.isEmpty()) {
            return false;
        }
        Optional<InetAddress> parsed = IpLiteral.parse(address);
        return parsed.isPresent() && ranges.stream().anyMatch(range -> range.contains(parsed.get()));
    }

    /** One address with a prefix length. */
    private record Range(byte[] network, int prefix) {
        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] bytes = IpLiteral.parse(address)
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: '" + entry + "'"))
                    .getAddress();
            int bits = bytes.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("not an IP address or CIDR range: '" + entry + "'");
                }
            }
            return new Range(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (bytes[whole] & mask) == (network[whole] & mask);
        }
    }
}
