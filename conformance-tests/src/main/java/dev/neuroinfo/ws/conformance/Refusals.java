package dev.neuroinfo.ws.conformance;

import static dev.neuroinfo.ws.conformance.CaseContext.expect;

import dev.neuroinfo.ws.wire.Evidence;
import dev.neuroinfo.ws.wire.HttpResponse;
import dev.neuroinfo.ws.conformance.wire.RawWebSocket;
import dev.neuroinfo.ws.protocol.HandshakeError;

/** Checks on refused handshakes (docs/protocol.md section 3). */
final class Refusals {
    private Refusals() {
    }

    /** The handshake was refused with {@code error}'s status and exactly its text (one trailing line break tolerated). */
    static void expectRefusal(RawWebSocket.Handshake h, HandshakeError error) {
        String expected = error.status() + " with body " + Evidence.quote(error.body());
        expect(!h.upgraded(), expected, "101 Switching Protocols");
        HttpResponse r = h.response();
        expect(r.status() == error.status() && bodyMatches(r.bodyText(), error.body()), expected, r.summary());
    }

    /** The body is the text, a single trailing line break tolerated (HS-13). */
    static boolean bodyMatches(String body, String text) {
        return body.equals(text) || body.equals(text + "\n") || body.equals(text + "\r\n");
    }
}
