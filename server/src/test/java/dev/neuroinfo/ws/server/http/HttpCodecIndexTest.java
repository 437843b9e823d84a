package dev.neuroinfo.ws.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.junit.jupiter.api.Test;

class HttpCodecIndexTest {
    @Test
    void findsTheCodecWhereverItSits() {
        FilterChainBuilder chain = FilterChainBuilder.stateless()
                .add(new TransportFilter())
                .add(new TransportFilter())
                .add(new HttpServerFilter());
        assertEquals(2, HttpCodecIndex.in(chain, PlainHttpAddOn.class));
    }

    @Test
    void aChainWithoutCodecIsRefusedNamingTheAddOn() {
        FilterChainBuilder chain = FilterChainBuilder.stateless().add(new TransportFilter());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> HttpCodecIndex.in(chain, PlainHttpAddOn.class));
        assertTrue(refused.getMessage().startsWith("PlainHttpAddOn needs a listener with an HTTP codec"),
                refused.getMessage());
    }

    @Test
    void plainHttpAddOnRefusesAListenerWithoutCodec() {
        FilterChainBuilder chain = FilterChainBuilder.stateless().add(new TransportFilter());
        assertThrows(IllegalStateException.class, () -> new PlainHttpAddOn().setup(null, chain));
        assertEquals(1, chain.build().size());
    }
}
