package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import java.util.Objects;

/**
 * An event type together with its payload record as a static type, so that
 * {@code client.on(Events.STREAM_ONLINE, (data, timestamp) -> data.title())} compiles with
 * {@code data} a {@code StreamOnline}. The constants are in {@link Events}. (A Java enum cannot
 * be generic, so {@link EventType} itself cannot carry the payload type.)
 *
 * @param <P> the payload record
 */
public final class TypedEvent<P extends EventPayload> {
    private final EventType type;
    private final Class<P> payloadType;

    TypedEvent(EventType type, Class<P> payloadType) {
        this.type = Objects.requireNonNull(type, "type");
        this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
        if (type.payloadType() != payloadType) {
            throw new IllegalArgumentException(type + " carries " + type.payloadType().getSimpleName());
        }
    }

    /** The event type. */
    public EventType type() {
        return type;
    }

    /** The payload record class. */
    public Class<P> payloadType() {
        return payloadType;
    }

    @Override
    public String toString() {
        return type.wireName();
    }
}
