package dev.neuroinfo.ws.conformance.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RawWebSocketTest {
    @Test
    void acceptKeyIsRfc6455s() {
        // The worked example of RFC 6455 section 1.3.
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", RawWebSocket.expectedAccept("dGhlIHNhbXBsZSBub25jZQ=="));
    }
}
