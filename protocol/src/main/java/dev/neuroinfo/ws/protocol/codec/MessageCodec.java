package dev.neuroinfo.ws.protocol.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.neuroinfo.ws.protocol.ApiError;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.InvalidReason;
import dev.neuroinfo.ws.protocol.TicketResponse;
import dev.neuroinfo.ws.protocol.message.AddEvent;
import dev.neuroinfo.ws.protocol.message.AddSuccess;
import dev.neuroinfo.ws.protocol.message.Auth;
import dev.neuroinfo.ws.protocol.message.ClientMessage;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.message.EventId;
import dev.neuroinfo.ws.protocol.message.Invalid;
import dev.neuroinfo.ws.protocol.message.ListEventsReply;
import dev.neuroinfo.ws.protocol.message.ListEventsRequest;
import dev.neuroinfo.ws.protocol.message.MessageTypes;
import dev.neuroinfo.ws.protocol.message.Ping;
import dev.neuroinfo.ws.protocol.message.Pong;
import dev.neuroinfo.ws.protocol.message.RemoveEvent;
import dev.neuroinfo.ws.protocol.message.RemoveSuccess;
import dev.neuroinfo.ws.protocol.message.ServerMessage;
import dev.neuroinfo.ws.protocol.message.Welcome;
import dev.neuroinfo.ws.protocol.payload.EventPayload;
import dev.neuroinfo.ws.protocol.recovery.HistoryPage;
import dev.neuroinfo.ws.protocol.recovery.LatestState;
import dev.neuroinfo.ws.protocol.recovery.RecoveryGap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one codec of the protocol: encodes every message to its exact wire JSON and decodes client
 * and server frames. Decoding never throws, whatever the input; it answers a result instead.
 *
 * <p>A frame with a member name repeated in any object is malformed: JSON leaves duplicates
 * undefined, and a server that took the first {@code type} while a proxy took the last would
 * act on a message nobody sent. Unknown extra members are ignored.
 *
 * <p>Instances are immutable and thread-safe; share one.
 */
public final class MessageCodec {
    private static final String DATA = "data";
    private static final String TYPE = "type";
    private static final String EVENT_TYPE = "eventType";
    private static final String EPOCH = "epoch";
    private static final String OFFSET = "offset";
    private static final String EVENTS = "events";
    /** How every event message this codec encodes begins: the envelope, then the event's own fields. */
    private static final String EVENT_MESSAGE_START = "{\"" + TYPE + "\":\"" + MessageTypes.EVENT + "\",\"" + DATA
            + "\":{\"" + EVENT_TYPE + "\":";

    private final ObjectMapper mapper;

    /** A codec with the protocol's settings. */
    public MessageCodec() {
        mapper = JsonMapper.builder()
                .addModule(new Jdk8Module())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        // Payloads are strict about types: "42" is not a number, 42 and true are not strings.
        mapper.coercionConfigDefaults()
                .setAcceptBlankAsEmpty(false)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    // ---------------------------------------------------------------- encoding

    /** The wire JSON of a server message. */
    public String encode(ServerMessage message) {
        return write(envelope(message.type(), serverData(message)));
    }

    /**
     * The wire JSON of an event message at its place in the history, made from the wire JSON this
     * codec encoded for the same event without an id: the id's fields are appended to its data,
     * exactly where encoding the event with the id puts them, without parsing the text again. A
     * cluster stores each event's text before Redis gives it its offset, and every node sends that
     * text to its subscribers.
     *
     * @throws IllegalArgumentException when {@code eventWithoutId} is not an event message as
     *                                  {@link #encode(ServerMessage)} writes it
     */
    public String withId(String eventWithoutId, EventId id) {
        if (!eventWithoutId.startsWith(EVENT_MESSAGE_START) || !eventWithoutId.endsWith("}}")) {
            throw new IllegalArgumentException("not the wire JSON of an event without an id");
        }
        // an epoch is letters, digits, '-' and '_' (EventId): nothing in it needs escaping
        return eventWithoutId.substring(0, eventWithoutId.length() - 2)
                + ",\"" + EPOCH + "\":\"" + id.epoch() + "\",\"" + OFFSET + "\":" + id.offset() + "}}";
    }

    /** The wire JSON of a client message. */
    public String encode(ClientMessage message) {
        return write(envelope(message.type(), clientData(message)));
    }

    /** The JSON of an event's data alone, as it stands in {@code eventData}. */
    public String encodePayload(EventPayload payload) {
        return write(mapper.valueToTree(payload));
    }

    /** The body of a successful ticket response: {@code {"data":{...}}}. */
    public String encodeTicketResponse(TicketResponse response) {
        ObjectNode data = node().put("ticket", response.ticket())
                .put("expiresIn", response.expiresIn())
                .put("usage", response.usage());
        ObjectNode root = node();
        root.set(DATA, data);
        return write(root);
    }

    /** The body of an HTTP API error with its catalogue message. */
    public String encodeApiError(ApiError error) {
        return encodeApiError(error, error.message());
    }

    /** The body of an HTTP API error with a more precise message. */
    public String encodeApiError(ApiError error, String message) {
        ObjectNode body = node().put("code", error.code()).put("message", message);
        ObjectNode root = node();
        root.set("error", body);
        return write(root);
    }

    /**
     * An event as it stands in an event message's {@code data}, and in the recovery answers:
     * {@code eventType}, {@code eventData}, {@code timestamp}, and {@code epoch} and
     * {@code offset} when it has an id.
     */
    public ObjectNode eventNode(Event event) {
        ObjectNode data = node();
        data.put(EVENT_TYPE, event.eventType().wireName());
        data.set("eventData", mapper.valueToTree(event.eventData()));
        data.put("timestamp", event.timestamp());
        if (event.id() != null) {
            data.put(EPOCH, event.id().epoch()).put(OFFSET, event.id().offset());
        }
        return data;
    }

    /** The body of {@code GET /api/events/latest}: {@code {"data":{"epoch","offset","events"}}}. */
    public String encode(LatestState state) {
        ObjectNode data = node().put(EPOCH, state.epoch()).put(OFFSET, state.offset());
        data.set(EVENTS, eventArray(state.events()));
        return write(wrapData(data));
    }

    /**
     * The body of {@code GET /api/events/history}: {@code {"data":{"epoch","offset","recovered",
     * "reason"?,"events"}}}, {@code reason} only when not recovered.
     */
    public String encode(HistoryPage page) {
        ObjectNode data = node().put(EPOCH, page.epoch()).put(OFFSET, page.offset()).put("recovered", page.recovered());
        page.reason().ifPresent(gap -> data.put("reason", gap.wireValue()));
        data.set(EVENTS, eventArray(page.events()));
        return write(wrapData(data));
    }

    private ArrayNode eventArray(List<Event> events) {
        ArrayNode array = mapper.createArrayNode();
        events.forEach(e -> array.add(eventNode(e)));
        return array;
    }

    private ObjectNode wrapData(ObjectNode data) {
        ObjectNode root = node();
        root.set(DATA, data);
        return root;
    }

    private ObjectNode serverData(ServerMessage message) {
        ObjectNode data = node();
        if (message instanceof Welcome w) {
            data.put("sessionId", w.sessionId());
        } else if (message instanceof Event e) {
            return eventNode(e);
        } else if (message instanceof AddSuccess a) {
            data.put(EVENT_TYPE, a.eventType().wireName()).put("subscribed", a.subscribed());
        } else if (message instanceof RemoveSuccess r) {
            data.put(EVENT_TYPE, r.eventType().wireName()).put("unsubscribed", r.unsubscribed());
        } else if (message instanceof ListEventsReply l) {
            data.set("subscribedEvents", names(l.subscribedEvents()));
            data.set("availableEvents", names(l.availableEvents()));
        } else if (message instanceof Invalid i) {
            data.put("reason", i.reason().wireValue()).put("message", i.message());
        }
        return data;
    }

    private ObjectNode clientData(ClientMessage message) {
        ObjectNode data = node();
        if (message instanceof AddEvent a) {
            data.put(EVENT_TYPE, a.eventType().wireName());
        } else if (message instanceof RemoveEvent r) {
            data.put(EVENT_TYPE, r.eventType().wireName());
        } else if (message instanceof Auth a) {
            data.put("token", a.token());
        }
        return data;
    }

    private ObjectNode envelope(String type, ObjectNode data) {
        ObjectNode root = node().put(TYPE, type);
        root.set(DATA, data);
        return root;
    }

    private ArrayNode names(List<EventType> types) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        types.forEach(t -> array.add(t.wireName()));
        return array;
    }

    private static ObjectNode node() {
        return JsonNodeFactory.instance.objectNode();
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    // ---------------------------------------------------------------- client frames

    /**
     * Classifies a client text frame by the first matching rule of MSG-4..MSG-15 (MSG-16). Never throws.
     *
     * @param frame the frame's text, may be {@code null}
     * @return the message, or the reason to answer {@code invalid} and a human message
     */
    public ClientDecoding decodeClient(String frame) {
        Optional<JsonNode> parsed = parse(frame);
        if (parsed.isEmpty()) {
            return malformed("Could not parse message.", null);
        }
        JsonNode root = parsed.get();
        if (!root.isObject()) {
            return malformed("A message must be a JSON object.", null);
        }
        JsonNode typeNode = root.get(TYPE);
        if (typeNode == null || !typeNode.isTextual()) {
            return malformed("A message needs a string type.", null);
        }
        String type = typeNode.textValue();
        JsonNode data = root.get(DATA);
        return switch (type) {
            case MessageTypes.ADD_EVENT -> eventTypeOf(data, type).map(AddEvent::new);
            case MessageTypes.REMOVE_EVENT -> eventTypeOf(data, type).map(RemoveEvent::new);
            case MessageTypes.LIST_EVENTS -> new ClientDecoding.Decoded(new ListEventsRequest());
            case MessageTypes.PING -> new ClientDecoding.Decoded(new Ping());
            case MessageTypes.AUTH -> auth(data);
            default -> malformed("Unknown message type.", type);
        };
    }

    /** The reply to a binary frame, which this protocol never uses. */
    public ClientDecoding.Rejected binaryFrame() {
        return new ClientDecoding.Rejected(InvalidReason.MALFORMED, "Binary frames are not supported.", null);
    }

    private EventTypeLookup eventTypeOf(JsonNode data, String type) {
        if (data == null || !data.isObject()) {
            return new EventTypeLookup(null, rejected(InvalidReason.MISSING_EVENTTYPE,
                    "The message needs a data object with eventType.", type));
        }
        JsonNode name = data.get(EVENT_TYPE);
        if (name == null || name.isNull() || (name.isTextual() && name.textValue().isEmpty())) {
            return new EventTypeLookup(null, rejected(InvalidReason.MISSING_EVENTTYPE,
                    "The message needs data.eventType.", type));
        }
        Optional<EventType> eventType = name.isTextual() ? EventType.fromWireName(name.textValue()) : Optional.empty();
        return eventType
                .map(t -> new EventTypeLookup(t, null))
                .orElseGet(() -> new EventTypeLookup(null, rejected(InvalidReason.INVALID_EVENTTYPE,
                        "Unknown event type. Available: " + EventType.documentedOrder(), type)));
    }

    /** An event type or the rejection explaining why there is none. */
    private record EventTypeLookup(EventType eventType, ClientDecoding.Rejected rejection) {
        ClientDecoding map(Function<EventType, ClientMessage> message) {
            return eventType != null ? new ClientDecoding.Decoded(message.apply(eventType)) : rejection;
        }
    }

    private ClientDecoding auth(JsonNode data) {
        JsonNode token = data != null && data.isObject() ? data.get("token") : null;
        if (token == null || token.isNull() || (token.isTextual() && token.textValue().isEmpty())) {
            return rejected(InvalidReason.MISSING_TOKEN, InvalidReason.MISSING_TOKEN.defaultMessage(),
                    MessageTypes.AUTH);
        }
        if (!token.isTextual()) {
            return rejected(InvalidReason.INVALID_TOKEN, "data.token must be a string.", MessageTypes.AUTH);
        }
        return new ClientDecoding.Decoded(new Auth(token.textValue()));
    }

    private static ClientDecoding.Rejected malformed(String message, String type) {
        return rejected(InvalidReason.MALFORMED, message, type);
    }

    private static ClientDecoding.Rejected rejected(InvalidReason reason, String message, String type) {
        return new ClientDecoding.Rejected(reason, message, type);
    }

    // ---------------------------------------------------------------- server frames

    /**
     * Decodes a server text frame, tolerating unknown extra members and requiring every member
     * the protocol requires. Never throws.
     */
    public ServerDecoding decodeServer(String frame) {
        Optional<JsonNode> parsed = parse(frame);
        if (parsed.isEmpty()) {
            return new ServerDecoding.Undecodable("not a JSON document");
        }
        try {
            return new ServerDecoding.Decoded(serverMessage(parsed.get()));
        } catch (ShapeException e) {
            return new ServerDecoding.Undecodable(e.getMessage());
        } catch (IllegalArgumentException e) {
            // A record refused a value its type allows but the protocol does not (e.g. an empty sessionId).
            return new ServerDecoding.Undecodable(String.valueOf(e.getMessage()));
        }
    }

    private ServerMessage serverMessage(JsonNode root) {
        if (!root.isObject()) {
            throw new ShapeException("a message must be a JSON object");
        }
        String type = text(root, TYPE);
        JsonNode data = object(root, DATA);
        return switch (type) {
            case MessageTypes.WELCOME -> new Welcome(text(data, "sessionId"));
            case MessageTypes.EVENT -> event(data);
            case MessageTypes.ADD_SUCCESS -> new AddSuccess(eventType(data), bool(data, "subscribed"));
            case MessageTypes.REMOVE_SUCCESS -> new RemoveSuccess(eventType(data), bool(data, "unsubscribed"));
            case MessageTypes.LIST_EVENTS -> new ListEventsReply(eventTypes(data, "subscribedEvents"),
                    eventTypes(data, "availableEvents"));
            case MessageTypes.INVALID -> new Invalid(InvalidReason.fromWireValue(text(data, "reason"))
                    .orElseThrow(() -> new ShapeException("data.reason is not a known reason")),
                    text(data, "message"));
            case MessageTypes.PONG -> new Pong();
            default -> throw new ShapeException("unknown message type '" + type + "'");
        };
    }

    /** Decodes an event given as {@link #eventNode} writes it. Never throws. */
    public Optional<Event> decodeEvent(JsonNode data) {
        try {
            return data != null && data.isObject() ? Optional.of(event(data)) : Optional.empty();
        } catch (ShapeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Decodes a {@code GET /api/events/latest} body; empty when it does not have that shape. Never throws. */
    public Optional<LatestState> decodeLatestState(String body) {
        return parse(body).flatMap(root -> {
            try {
                JsonNode data = object(root, DATA);
                return Optional.of(new LatestState(text(data, EPOCH), offset(data), events(data)));
            } catch (ShapeException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** Decodes a {@code GET /api/events/history} body; empty when it does not have that shape. Never throws. */
    public Optional<HistoryPage> decodeHistoryPage(String body) {
        return parse(body).flatMap(root -> {
            try {
                JsonNode data = object(root, DATA);
                RecoveryGap gap = bool(data, "recovered") ? null : RecoveryGap.fromWireValue(text(data, "reason"))
                        .orElseThrow(() -> new ShapeException("data.reason is not a known reason"));
                return Optional.of(new HistoryPage(text(data, EPOCH), offset(data), gap, events(data)));
            } catch (ShapeException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private static long offset(JsonNode data) {
        JsonNode offset = data.get(OFFSET);
        if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong()) {
            throw new ShapeException("data.offset must be an integer");
        }
        return offset.longValue();
    }

    private List<Event> events(JsonNode data) {
        JsonNode array = data.get(EVENTS);
        if (array == null || !array.isArray()) {
            throw new ShapeException("data.events must be an array");
        }
        List<Event> events = new ArrayList<>();
        for (JsonNode item : array) {
            Event event = event(item);
            if (event.id() == null) {
                throw new ShapeException("every event of a recovery answer has an id");
            }
            events.add(event);
        }
        return events;
    }

    private Event event(JsonNode data) {
        if (!data.isObject()) {
            throw new ShapeException("an event must be an object");
        }
        EventType eventType = eventType(data);
        JsonNode eventData = object(data, "eventData");
        JsonNode timestamp = data.get("timestamp");
        if (timestamp == null || !timestamp.isIntegralNumber() || !timestamp.canConvertToLong()) {
            throw new ShapeException("data.timestamp must be an integer");
        }
        PayloadDecoding payload = decodePayload(eventType, eventData);
        if (payload instanceof PayloadDecoding.Undecodable u) {
            throw new ShapeException("data.eventData: " + u.problem());
        }
        return new Event(eventType, ((PayloadDecoding.Decoded) payload).payload(), timestamp.longValue(), eventId(data));
    }

    /** The id of an event, null when it has none; a half or malformed id makes the event malformed. */
    private static EventId eventId(JsonNode data) {
        JsonNode epoch = data.get(EPOCH);
        JsonNode offset = data.get(OFFSET);
        if (epoch == null && offset == null) {
            return null;
        }
        if (epoch == null || !epoch.isTextual() || !EventId.isEpoch(epoch.textValue())) {
            throw new ShapeException("data.epoch must be 1..64 characters of A-Z a-z 0-9 - _");
        }
        if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong() || offset.longValue() < 1) {
            throw new ShapeException("data.offset must be an integer >= 1");
        }
        return new EventId(epoch.textValue(), offset.longValue());
    }

    private static EventType eventType(JsonNode data) {
        String name = text(data, EVENT_TYPE);
        return EventType.fromWireName(name)
                .orElseThrow(() -> new ShapeException("data.eventType '" + name + "' is not an event type"));
    }

    private static List<EventType> eventTypes(JsonNode data, String field) {
        JsonNode array = data.get(field);
        if (array == null || !array.isArray()) {
            throw new ShapeException("data." + field + " must be an array");
        }
        List<EventType> types = new ArrayList<>();
        for (JsonNode name : array) {
            if (!name.isTextual()) {
                throw new ShapeException("data." + field + " must hold strings");
            }
            types.add(EventType.fromWireName(name.textValue())
                    .orElseThrow(() -> new ShapeException("data." + field + " holds unknown '" + name.textValue() + "'")));
        }
        return types;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isTextual()) {
            throw new ShapeException(field + " must be a string");
        }
        return value.textValue();
    }

    private static boolean bool(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isBoolean()) {
            throw new ShapeException("data." + field + " must be a boolean");
        }
        return value.booleanValue();
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isObject()) {
            throw new ShapeException(field + " must be an object");
        }
        return value;
    }

    /** A server frame whose shape is wrong; caught inside {@link #decodeServer}. */
    private static final class ShapeException extends RuntimeException {
        ShapeException(String message) {
            super(message, null, false, false);
        }
    }

    // ---------------------------------------------------------------- payloads

    /** Decodes an event's data given as JSON text. Never throws. */
    public PayloadDecoding decodePayload(EventType eventType, String json) {
        return parse(json)
                .map(node -> decodePayload(eventType, node))
                .orElseGet(() -> new PayloadDecoding.Undecodable("not a JSON document"));
    }

    /** Decodes an event's data given as a JSON tree. Never throws. */
    public PayloadDecoding decodePayload(EventType eventType, JsonNode eventData) {
        if (eventData == null || !eventData.isObject()) {
            return new PayloadDecoding.Undecodable("eventData must be an object");
        }
        try {
            return new PayloadDecoding.Decoded(mapper.treeToValue(eventData, eventType.payloadType()));
        } catch (JsonMappingException e) {
            return new PayloadDecoding.Undecodable(describe(e));
        } catch (JsonProcessingException | RuntimeException e) {
            return new PayloadDecoding.Undecodable(String.valueOf(e.getMessage()));
        }
    }

    private static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String why = root instanceof JsonMappingException jme ? jme.getOriginalMessage() : root.getMessage();
        String firstLine = why == null ? "invalid value" : why.lines().findFirst().orElse(why);
        return path.isEmpty() ? firstLine : path + ": " + firstLine;
    }

    // ---------------------------------------------------------------- parsing

    /** Parses JSON text; empty when it is not exactly one JSON value. */
    public Optional<JsonNode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(mapper.readTree(text)).filter(n -> !n.isMissingNode());
        } catch (JsonProcessingException | RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }
}
