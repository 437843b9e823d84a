package dev.neuroinfo.ws.client;

import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who wants which events: listeners and streams per event type. An event type with at least one
 * entry is one the connection must be subscribed to. Changes are made under the client's lock;
 * reads (one per received event) need none.
 */
final class Registry {
    /** A listener or a stream, registered for one type. */
    record Entry(EventType type, EventListener<? super EventPayload> listener, EventStream stream) {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    private final Map<EventType, List<Entry>> entries = new ConcurrentHashMap<>();

    /** Adds an entry; true when it is the first of its type (the type must be subscribed). */
    boolean add(Entry entry) {
        List<Entry> list = entries.computeIfAbsent(entry.type(), t -> new CopyOnWriteArrayList<>());
        list.add(entry);
        return list.size() == 1;
    }

    /** Removes an entry; true when it was the last of its type (the type must be unsubscribed). */
    boolean remove(Entry entry) {
        List<Entry> list = entries.get(entry.type());
        if (list == null || !list.remove(entry)) {
            return false;
        }
        if (list.isEmpty()) {
            entries.remove(entry.type());
            return true;
        }
        return false;
    }

    boolean contains(Entry entry) {
        List<Entry> list = entries.get(entry.type());
        return list != null && list.contains(entry);
    }

    /** The types with at least one entry, in documented order. */
    Set<EventType> types() {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        entries.forEach((type, list) -> {
            if (!list.isEmpty()) {
                types.add(type);
            }
        });
        return types;
    }

    /** The listeners of a type, in registration order (a snapshot). */
    List<EventListener<? super EventPayload>> listeners(EventType type) {
        List<Entry> list = entries.get(type);
        return list == null ? List.of()
                : list.stream().filter(e -> e.listener() != null).<EventListener<? super EventPayload>>map(Entry::listener)
                        .toList();
    }

    /** The streams of a type. */
    List<EventStream> streams(EventType type) {
        List<Entry> list = entries.get(type);
        return list == null ? List.of() : list.stream().filter(e -> e.stream() != null).map(Entry::stream).toList();
    }

    /** Every stream of every type. */
    Set<EventStream> allStreams() {
        Set<EventStream> all = new LinkedHashSet<>();
        entries.values().forEach(list -> list.forEach(e -> {
            if (e.stream() != null) {
                all.add(e.stream());
            }
        }));
        return all;
    }
}
