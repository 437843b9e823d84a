package dev.neuroinfo.ws.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class AcceptKeyTest {
    @Test
    void acceptKeyIsRfc6455s() {
        // The worked example of RFC 6455 section 1.3.
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void aNewKeyIsSixteenRandomBytes() {
        String key = AcceptKey.newKey();
        assertEquals(16, Base64.getDecoder().decode(key).length);
        assertNotEquals(key, AcceptKey.newKey());
    }
}
