package dev.neuroinfo.ws.server.events;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.codec.MessageCodec;
import dev.neuroinfo.ws.protocol.codec.ServerDecoding;
import dev.neuroinfo.ws.protocol.message.Event;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One subscriber to every event type, in one lane, that keeps what a {@link Broadcaster} hands it,
 * decoded back from the wire text, in the order it arrived.
 */
public final class ReceivedEvents implements Broadcaster.Subscribers {
    private static final MessageCodec CODEC = new MessageCodec();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private volatile Consumer<Event> onArrival = event -> { };

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public void send(int lane, EventType type, String text) {
        if (!(CODEC.decodeServer(text) instanceof ServerDecoding.Decoded decoded
                && decoded.message() instanceof Event event)) {
            throw new AssertionError("not an event: " + text);
        }
        onArrival.accept(event);
        events.add(event);
    }

    /** Has {@code check} look at each event as it arrives, before it is kept. */
    public void onArrival(Consumer<Event> check) {
        onArrival = check;
    }

    /** The events received so far, in arrival order. */
    public List<Event> events() {
        return List.copyOf(events);
    }
}
