package dev.neuroinfo.ws.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final TrustedProxies PROXIES = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8, ::1");

    private static Function<String, String> headers(Map<String, String> values) {
        return name -> values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        Function<String, String> spoofed = headers(Map.of("X-Forwarded-For", "203.0.113.9",
                "Forwarded", "for=198.51.100.7"));
        assertEquals("192.0.2.50", ClientAddress.resolve("192.0.2.50", spoofed, PROXIES));
        assertEquals("127.0.0.1", ClientAddress.resolve("127.0.0.1", spoofed, TrustedProxies.none()),
                "nobody is trusted by default, not even loopback");
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        assertEquals("203.0.113.9", ClientAddress.resolve("127.0.0.1",
                headers(Map.of("X-Forwarded-For", "203.0.113.9")), PROXIES));
        assertEquals("2001:db8:0:0:0:0:0:17", ClientAddress.resolve("::1",
                headers(Map.of("Forwarded", "for=\"[2001:db8::17]:4711\";proto=https")), PROXIES));
    }

    @Test
    void aSpoofedEntryBeforeTheTrustedHopsIsIgnored() {
        // the client sent "X-Forwarded-For: 198.51.100.1"; nginx appended the address it saw
        Function<String, String> chain = headers(Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.1.2.3"));
        assertEquals("203.0.113.9", ClientAddress.resolve("127.0.0.1", chain, PROXIES),
                "read from the right: the first untrusted hop is the client, anything left of it is the client's word");
    }

    @Test
    void forwardedWinsOverXForwardedFor() {
        Function<String, String> both = headers(Map.of("Forwarded", "for=203.0.113.9;by=10.0.0.1",
                "X-Forwarded-For", "198.51.100.1"));
        assertEquals("203.0.113.9", ClientAddress.resolve("10.0.0.1", both, PROXIES));
    }

    @Test
    void somethingThatIsNotAnAddressStopsAtTheProxyThatWroteIt() {
        assertEquals("10.0.0.2", ClientAddress.resolve("127.0.0.1",
                headers(Map.of("X-Forwarded-For", "evil.example.org, 10.0.0.2")), PROXIES));
        assertEquals("127.0.0.1", ClientAddress.resolve("127.0.0.1",
                headers(Map.of("Forwarded", "for=unknown")), PROXIES));
        assertEquals("127.0.0.1", ClientAddress.resolve("127.0.0.1",
                headers(Map.of("X-Forwarded-For", "1.2.3.4\r\nfake log line")), PROXIES));
    }

    @Test
    void noHeadersMeansThePeer() {
        assertEquals("127.0.0.1", ClientAddress.resolve("127.0.0.1", headers(Map.of()), PROXIES));
        assertNull(ClientAddress.resolve(null, headers(Map.of("X-Forwarded-For", "203.0.113.9")), PROXIES));
    }

    @Test
    void rangesMatchByPrefix() {
        TrustedProxies ranges = TrustedProxies.parse("192.168.4.0/22,fd00::/8");
        assertTrue(ranges.trusts("192.168.7.255"));
        assertFalse(ranges.trusts("192.168.8.0"));
        assertTrue(ranges.trusts("fd12::1"));
        assertFalse(ranges.trusts("fe80::1"));
        assertFalse(ranges.trusts("localhost"), "host names are never looked up");
        assertTrue(TrustedProxies.parse(" ").isEmpty());
    }

    @Test
    void aBadEntryIsRefusedNamingIt() {
        for (String bad : List.of("10.0.0.0/33", "proxy.example.org", "300.1.1.1", "10.0.0.1/x", "::1/129")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(bad));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void forwardedElementsAndPortsAreUnpacked() {
        assertEquals(List.of("192.0.2.43", "2001:db8:cafe::17", "unknown"),
                ClientAddress.forwardedFor("for=\"192.0.2.43:47011\", For=\"[2001:db8:cafe::17]\";proto=http, for=unknown"));
    }
}
