package dev.neuroinfo.ws.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.protocol.CloseCodes;
import dev.neuroinfo.ws.protocol.CloseReasons;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outbound bound when the container offers a {@link FrameChannel}: frames the channel has not
 * finished writing count against the queue limit, and a connection over it is closed as a slow
 * consumer. The standard-API path is covered end to end by the WAR's container tests.
 */
class ClientConnectionTest {
    private static final int LIMIT = 4;

    private final List<CloseReason> closes = new ArrayList<>();
    private final Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Session.class}, (proxy, method, args) -> {
                if (method.getName().equals("close") && args != null) {
                    closes.add((CloseReason) args[0]);
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    /** A channel that keeps every write and completes it only when told. */
    private static final class HeldChannel implements FrameChannel {
        final List<ByteBuffer> frames = new ArrayList<>();
        final List<Completion> pending = new ArrayList<>();

        @Override
        public void write(OutboundText message, Completion completion) {
            frames.add(message.frame());
            pending.add(completion);
        }

        void completeAll() {
            pending.forEach(Completion::written);
            pending.clear();
        }
    }

    private ClientConnection connectionOver(FrameChannel channel) {
        Admission admission = Admission.pendingAuthentication("127.0.0.1");
        admission.attachChannel(channel);
        return new ClientConnection(session, "session-1", admission, LIMIT);
    }

    private static String text(ByteBuffer frame) {
        ByteBuffer copy = frame.duplicate();
        copy.position(2);
        return StandardCharsets.UTF_8.decode(copy).toString();
    }

    @Test
    void sendsEncodedFramesToTheChannelInOrder() {
        HeldChannel channel = new HeldChannel();
        ClientConnection connection = connectionOver(channel);

        connection.send("{\"n\":1}");
        connection.send(OutboundText.of("{\"n\":2}"));

        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), channel.frames.stream().map(ClientConnectionTest::text).toList());
        assertTrue(closes.isEmpty());
    }

    @Test
    void closesAsSlowConsumerOnceTheLimitOfUnwrittenFramesIsPassed() {
        HeldChannel channel = new HeldChannel();
        ClientConnection connection = connectionOver(channel);

        for (int i = 0; i < LIMIT; i++) {
            connection.send("{}");
        }
        assertTrue(closes.isEmpty(), "up to the limit is allowed");
        connection.send("{}");

        assertEquals(1, closes.size());
        assertEquals(CloseCodes.POLICY_VIOLATION, closes.get(0).getCloseCode().getCode());
        assertEquals(CloseReasons.SLOW_CONSUMER.text(), closes.get(0).getReasonPhrase());
        connection.send("{}");
        assertEquals(LIMIT, channel.frames.size(), "nothing goes out after the close");
    }

    @Test
    void writtenFramesMakeRoomAgain() {
        HeldChannel channel = new HeldChannel();
        ClientConnection connection = connectionOver(channel);

        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < LIMIT; i++) {
                connection.send("{}");
            }
            channel.completeAll();
        }

        assertTrue(closes.isEmpty());
        assertEquals(10 * LIMIT, channel.frames.size());
    }

    @Test
    void aFailedWriteFreesItsPlaceWithoutClosing() {
        FrameChannel failing = (message, completion) -> completion.failed(new IOException("reset"));
        ClientConnection connection = connectionOver(failing);

        for (int i = 0; i < 3 * LIMIT; i++) {
            connection.send("{}");
        }

        assertTrue(closes.isEmpty(), "a failing transport is closing already; the queue is not what failed");
    }

    @Test
    void sendsNothingOnceTheConnectionEnded() {
        HeldChannel channel = new HeldChannel();
        ClientConnection connection = connectionOver(channel);

        connection.ended();
        connection.send("{}");
        connection.close(CloseCodes.GOING_AWAY, "bye");

        assertTrue(channel.frames.isEmpty());
        assertTrue(closes.isEmpty(), "an ended connection is not closed again");
        assertNull(Admission.pendingAuthentication("127.0.0.1").channel(), "no channel unless a container attaches one");
    }
}
