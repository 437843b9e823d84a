package dev.neuroinfo.ws.client.cli;

import dev.neuroinfo.ws.protocol.EventType;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an event type by its exact wire name, listing the valid names when it is none. */
final class EventTypeConverter implements ITypeConverter<EventType> {
    @Override
    public EventType convert(String value) {
        return EventType.fromWireName(value.strip()).orElseThrow(() -> new TypeConversionException(
                "Unknown event type '" + value + "'; valid: " + EventType.documentedOrder().stream()
                        .map(EventType::wireName).collect(Collectors.joining(","))));
    }
}
