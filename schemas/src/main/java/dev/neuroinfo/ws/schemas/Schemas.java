package dev.neuroinfo.ws.schemas;

import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the JSON Schemas (draft 2020-12) of the NeuroInfo WebSocket API live: every schema is a
 * classpath resource under {@value #RESOURCE_DIRECTORY} whose {@code $id} is {@value #ID_PREFIX}
 * followed by its file name. Schemas refer to each other by relative {@code $ref}s, so a
 * validator that maps {@value #ID_PREFIX} to {@value #RESOURCE_DIRECTORY} on the classpath
 * resolves them all without any network access.
 *
 * <p>This class only locates files; it depends on no library, so that any validator can be used.
 */
public final class Schemas {
    /** The common prefix of every schema's {@code $id}. */
    public static final String ID_PREFIX = "https://neuroinfo.dev/schemas/";

    /** The classpath directory holding the schema files (class-loader style: no leading slash). */
    public static final String RESOURCE_DIRECTORY = "dev/neuroinfo/ws/schemas/";

    /** Any message a client sends, dispatched on {@code type}. */
    public static final String CLIENT_MESSAGE = "client-message.json";
    /** Any message the server sends, dispatched on {@code type}. */
    public static final String SERVER_MESSAGE = "server-message.json";
    /** An object with {@code eventType} and {@code eventData}, the latter checked by event type. */
    public static final String EVENT_DATA = "event-data.json";
    /** One of the nine event type names. */
    public static final String EVENT_TYPE = "event-type.json";
    /** The success body of {@code GET /api/ws/ticket}. */
    public static final String TICKET_RESPONSE = "ticket-response.json";
    /** The error body of the HTTP API. */
    public static final String API_ERROR = "api-error.json";

    // Listed by hand because a jar's directory cannot be listed portably; a test keeps this list
    // equal to the files actually shipped.
    private static final List<String> FILES = List.of(
            CLIENT_MESSAGE, "add-event.json", "remove-event.json", "list-events.json", "auth.json",
            SERVER_MESSAGE, "welcome.json", "event.json", "add-success.json", "remove-success.json",
            "list-events-reply.json", "invalid.json", "invalid-reason.json",
            EVENT_TYPE, EVENT_DATA,
            "schedule-update-payload.json", "subathon-update-payload.json",
            "subathon-goal-update-payload.json", "stream-online-payload.json",
            "stream-update-payload.json", "stream-offline-payload.json",
            "secretneuroaccount-online-payload.json", "stream-raid-incoming-payload.json",
            "stream-raid-outgoing-payload.json",
            "game.json", "raid-channel.json", "schedule-entry.json", "subathon-goal.json",
            TICKET_RESPONSE, API_ERROR);

    private Schemas() {
    }

    /** The file names of all schemas (an unmodifiable list, e.g. {@code welcome.json}). */
    public static List<String> files() {
        return FILES;
    }

    /**
     * The classpath resource path of a schema, e.g. {@code dev/neuroinfo/ws/schemas/welcome.json}.
     *
     * @throws IllegalArgumentException if {@code file} is not one of {@link #files()}
     */
    public static String resourcePath(String file) {
        return RESOURCE_DIRECTORY + requireKnown(file);
    }

    /**
     * The {@code $id} of a schema, e.g. {@code https://neuroinfo.dev/schemas/welcome.json}.
     *
     * @throws IllegalArgumentException if {@code file} is not one of {@link #files()}
     */
    public static String id(String file) {
        return ID_PREFIX + requireKnown(file);
    }

    /** The file name of the schema with this {@code $id}, if it is one of ours. */
    public static Optional<String> fileForId(String id) {
        if (id == null || !id.startsWith(ID_PREFIX)) {
            return Optional.empty();
        }
        String file = id.substring(ID_PREFIX.length());
        return FILES.contains(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * The URL of a schema's resource (a {@code jar:} URL when read from the jar).
     *
     * @throws IllegalArgumentException if {@code file} is not one of {@link #files()}
     * @throws IllegalStateException    if the resource is missing from the classpath
     */
    public static URL url(String file) {
        URL url = Schemas.class.getClassLoader().getResource(resourcePath(file));
        if (url == null) {
            throw new IllegalStateException("schema resource missing from the classpath: " + file);
        }
        return url;
    }

    /**
     * Opens a schema's resource; the caller closes the stream.
     *
     * @throws IllegalArgumentException if {@code file} is not one of {@link #files()}
     * @throws IllegalStateException    if the resource is missing from the classpath
     */
    public static InputStream open(String file) {
        InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resourcePath(file));
        if (in == null) {
            throw new IllegalStateException("schema resource missing from the classpath: " + file);
        }
        return in;
    }

    private static String requireKnown(String file) {
        Objects.requireNonNull(file, "file");
        if (!FILES.contains(file)) {
            throw new IllegalArgumentException("no such schema: " + file);
        }
        return file;
    }
}
