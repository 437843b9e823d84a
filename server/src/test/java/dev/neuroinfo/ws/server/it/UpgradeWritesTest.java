package dev.neuroinfo.ws.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.neuroinfo.ws.wire.Evidence;
import dev.neuroinfo.ws.wire.Frame;
import dev.neuroinfo.ws.wire.FrameCodec;
import dev.neuroinfo.ws.wire.HandshakeRequest;
import dev.neuroinfo.ws.wire.HttpReader;
import dev.neuroinfo.ws.wire.RawClient;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the embedded server writes while it upgrades a connection: the 101 and the {@code welcome}
 * leave in one write (so a client's first read has both); a client that sends as soon as the 101
 * begins to arrive is answered in order; a refusal is written and closed as it was.
 */
class UpgradeWritesTest {
    private static final String SUBSCRIBE = "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\"}}";
    private static final long MAX_PAYLOAD = 64 * 1024;

    @RegisterExtension
    static final TestServer server = TestServer.shared();

    private static RawClient connect() throws IOException {
        return RawClient.open(URI.create("ws://127.0.0.1:" + server.wsPort()), TestServer.WAIT, 0);
    }

    /** Sends an upgrade request with {@code token} as Bearer; returns it, to check the answer's accept key. */
    private static HandshakeRequest sendUpgrade(RawClient client, String token) throws IOException {
        HandshakeRequest request = HandshakeRequest.upgrade("/api/ws").bearer(token);
        client.sendRaw(request.toBytes("127.0.0.1:" + server.wsPort()));
        return request;
    }

    /** A text frame's message type; fails on any other frame. */
    private static String type(Frame frame) {
        assertEquals(Frame.TEXT, frame.opcode(), "a text frame");
        assertTrue(frame.fin(), "an unfragmented message");
        return TestServer.CODEC.parse(frame.text()).orElseThrow().get("type").textValue();
    }

    @Test
    void theClientsFirstReadHasThe101AndTheWelcome() throws IOException {
        try (RawClient client = connect()) {
            HandshakeRequest request = sendUpgrade(client, server.token("together"));
            byte[] first = new byte[8192];
            // one read of the socket itself (the client's buffered input may read again): one write
            // on loopback arrives as one segment, so this read returns all of it
            int length = Math.max(client.socket().getInputStream().read(first), 0);
            InputStream firstRead = new ByteArrayInputStream(first, 0, length);
            try {
                assertTrue(RawClient.upgraded(request, HttpReader.readHead(firstRead)), "a 101 answering the key");
                assertEquals("welcome", type(FrameCodec.read(firstRead, MAX_PAYLOAD)));
            } catch (EOFException e) {
                fail("the first read has the whole 101 and the welcome: "
                        + Evidence.quote(new String(first, 0, length, StandardCharsets.ISO_8859_1)), e);
            }
        }
    }

    @Test
    void aSubscribeSentBeforeReadingTheWelcomeIsAnswered() throws IOException {
        try (RawClient client = connect()) {
            HandshakeRequest request = sendUpgrade(client, server.token("hasty"));
            InputStream in = client.input();
            // wait for the first byte of the 101, and leave it to be read with the rest
            in.mark(1);
            assertTrue(in.read() >= 0, "the server answered");
            in.reset();
            client.send(true, Frame.TEXT, SUBSCRIBE.getBytes(StandardCharsets.UTF_8));
            assertTrue(RawClient.upgraded(request, HttpReader.readHead(in)), "a 101 answering the key");
            assertEquals("welcome", type(client.read(MAX_PAYLOAD)));
            assertEquals("addSuccess", type(client.read(MAX_PAYLOAD)));
        }
    }

    @Test
    void aRefusedHandshakeIsAnsweredAndClosedAsBefore() throws IOException {
        try (RawClient client = connect()) {
            sendUpgrade(client, "na_not-a-token");
            HttpReader.Head head = HttpReader.readHead(client.input());
            assertEquals(401, head.status());
            client.readBody(head);
            assertEquals(-1, client.input().read(), "the server closed the connection after its answer");
        }
    }
}
