package dev.neuroinfo.ws.bench;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.payload.Game;
import dev.neuroinfo.ws.protocol.payload.StreamOnline;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The benchmark's message: a realistic streamOnline event whose stream id carries a sequence
 * number, so that a receiver can tell which publish a frame belongs to. Both servers deliver the
 * same bytes: ours builds the frame from the admin body, nchan gets the finished frame as body.
 */
final class EventFactory {
    /** Stream ids are this plus the sequence number: always 12 digits, so every frame has one size. */
    static final long ID_BASE = 331_900_000_000L;
    private static final byte[] ID_KEY = Bytes.ascii("\"id\":\"");
    private static final byte[] TIMESTAMP_KEY = Bytes.ascii("\"timestamp\":");
    private static final long STARTED_AT = 1_766_924_114_000L;

    private final MessageCodec codec = new MessageCodec();

    StreamOnline payload(int seq) {
        return new StreamOnline(Long.toString(ID_BASE + seq),
                "24 HOUR SUBATHON with Neuro and Evil!!",
                new Game("509658", "Just Chatting"), "en", List.of("English", "AI", "VTuber", "Subathon"),
                false, 12_345, STARTED_AT,
                "https://static-cdn.jtvnw.net/previews-ttv/live_user_vedal987-{width}x{height}.jpg");
    }

    /** The admin API body that publishes event {@code seq} on our server. */
    String adminBody(int seq) {
        return "{\"eventType\":\"" + EventType.STREAM_ONLINE.wireName() + "\",\"eventData\":"
                + codec.encodePayload(payload(seq)) + "}";
    }

    /** The frame our server sends for event {@code seq}; for nchan, the published body itself. */
    String frame(int seq, long timestampMillis) {
        return codec.encode(new Event(EventType.STREAM_ONLINE, payload(seq), timestampMillis));
    }

    /** The sequence number of an event frame's payload in {@code [from, to)}, or -1 if it is none. */
    static int sequence(ByteBuffer buffer, int from, int to) {
        long id = Bytes.numberAfter(buffer, from, to, ID_KEY);
        return id < ID_BASE ? -1 : (int) (id - ID_BASE);
    }

    /** The event's {@code timestamp} (epoch ms) in {@code [from, to)}, or -1. */
    static long timestamp(ByteBuffer buffer, int from, int to) {
        return Bytes.numberAfter(buffer, from, to, TIMESTAMP_KEY);
    }
}
