package dev.neuroinfo.ws.conformance;

import static dev.neuroinfo.ws.conformance.CaseContext.expect;

import dev.neuroinfo.ws.conformance.wire.Inbound;
import dev.neuroinfo.ws.conformance.wire.RawWebSocket;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.InvalidReason;
import dev.neuroinfo.ws.protocol.Limits;
import dev.neuroinfo.ws.protocol.message.Invalid;
import dev.neuroinfo.ws.protocol.message.ListEventsReply;
import dev.neuroinfo.ws.protocol.message.MessageTypes;
import dev.neuroinfo.ws.wire.Frame;
import dev.neuroinfo.ws.wire.FrameCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Invalid input (docs/protocol.md section 5): one case per classification row, each sending one
 * invalid message and checking for exactly one {@code invalid} with the right reason and a
 * connection that still works; plus the transport violations that close the connection.
 */
final class InvalidInputCases {
    private static final InvalidReason MALFORMED = InvalidReason.MALFORMED;
    private static final InvalidReason MISSING = InvalidReason.MISSING_EVENTTYPE;
    private static final InvalidReason INVALID = InvalidReason.INVALID_EVENTTYPE;
    private static final String LIST = "{\"type\":\"listEvents\",\"data\":{}}";

    private InvalidInputCases() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>(List.of(
                row("MSG-1a", "a request that is not valid gets one invalid with a known reason and a string message",
                        null, "{\"type\":\"conformanceUnknown\",\"data\":{}}"),
                binary(),
                row("MSG-4a", "text that is not JSON -> malformed", MALFORMED, "{not json"),
                row("MSG-4b", "an empty text frame -> malformed", MALFORMED, ""),
                row("MSG-4c", "trailing content after the JSON value -> malformed", MALFORMED, LIST + " x"),
                ConformanceCase.of("MSG-4d", "an unpaired surrogate escape is valid JSON, not malformed", Set.of(),
                        InvalidInputCases::surrogate)));
        cases.addAll(List.of(
                row("MSG-5a", "a member name repeated -> malformed", MALFORMED,
                        "{\"type\":\"listEvents\",\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\"}}"),
                row("MSG-6a", "a JSON array -> malformed", MALFORMED, "[" + LIST + "]"),
                row("MSG-6b", "a JSON number -> malformed", MALFORMED, "42"),
                row("MSG-6c", "JSON null -> malformed", MALFORMED, "null"),
                row("MSG-7a", "an object without type -> malformed", MALFORMED, "{\"data\":{\"eventType\":\"streamOnline\"}}"),
                row("MSG-7b", "a type that is not a string -> malformed", MALFORMED, "{\"type\":1,\"data\":{}}"),
                row("MSG-8a", "an unknown type -> malformed", MALFORMED, "{\"type\":\"subscribe\",\"data\":{}}"),
                row("MSG-8b", "a type in the wrong case -> malformed", MALFORMED,
                        "{\"type\":\"AddEvent\",\"data\":{\"eventType\":\"streamOnline\"}}"),
                row("MSG-8c", "a server message type -> malformed", MALFORMED,
                        "{\"type\":\"" + MessageTypes.WELCOME + "\",\"data\":{\"sessionId\":\"x\"}}"),
                row("MSG-8d", "auth on an authenticated connection -> malformed", MALFORMED,
                        "{\"type\":\"auth\",\"data\":{\"token\":\"conformance-not-a-token\"}}"),
                row("MSG-9a", "addEvent without data -> missingEventtype", MISSING, "{\"type\":\"addEvent\"}"),
                row("MSG-9b", "addEvent whose data is not an object -> missingEventtype", MISSING,
                        "{\"type\":\"addEvent\",\"data\":\"streamOnline\"}"),
                row("MSG-10a", "addEvent with data {} -> missingEventtype", MISSING, "{\"type\":\"addEvent\",\"data\":{}}"),
                row("MSG-10b", "removeEvent with data {} -> missingEventtype", MISSING,
                        "{\"type\":\"removeEvent\",\"data\":{}}"),
                row("MSG-11a", "eventType null -> missingEventtype", MISSING,
                        "{\"type\":\"addEvent\",\"data\":{\"eventType\":null}}"),
                row("MSG-11b", "eventType \"\" -> missingEventtype", MISSING,
                        "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"\"}}"),
                row("MSG-12a", "addEvent with an unknown name -> invalidEventtype", INVALID,
                        "{\"type\":\"addEvent\",\"data\":{\"eventType\":\"fooBar\"}}"),
                row("MSG-12b", "removeEvent with an unknown name -> invalidEventtype", INVALID,
                        "{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"fooBar\"}}"),
                row("MSG-13a", "a name in the wrong case -> invalidEventtype", INVALID,
                        "{\"type\":\"addEvent\",\"data\":{\"eventType\":\""
                                + EventType.STREAM_ONLINE.wireName().toLowerCase(java.util.Locale.ROOT) + "\"}}"),
                row("MSG-14a", "eventType a number -> invalidEventtype", INVALID,
                        "{\"type\":\"addEvent\",\"data\":{\"eventType\":42}}"),
                row("MSG-14b", "eventType a boolean -> invalidEventtype", INVALID,
                        "{\"type\":\"addEvent\",\"data\":{\"eventType\":true}}"),
                row("MSG-14c", "eventType an array -> invalidEventtype", INVALID,
                        "{\"type\":\"addEvent\",\"data\":{\"eventType\":[\"streamOnline\"]}}"),
                row("MSG-14d", "eventType an object -> invalidEventtype", INVALID,
                        "{\"type\":\"addEvent\",\"data\":{\"eventType\":{\"name\":\"streamOnline\"}}}"),
                ConformanceCase.of("MSG-15a", "unknown members are ignored and listEvents may omit data", Set.of(),
                        InvalidInputCases::tolerant),
                ConformanceCase.of("MSG-2a", "invalid input changes no subscription", Set.of(),
                        InvalidInputCases::subscriptionsKept),
                ConformanceCase.of("MSG-17a", "a text frame that is not UTF-8 closes the connection with 1007", Set.of(),
                        InvalidInputCases::invalidUtf8),
                ConformanceCase.of("KA-6a", "a message of 16385 bytes closes the connection with 1009", Set.of(),
                        c -> oversize(c, false)),
                ConformanceCase.of("KA-6b", "a message of exactly 16384 bytes is processed", Set.of(),
                        InvalidInputCases::exactLimit),
                ConformanceCase.of("KA-6c", "fragments adding up to more than 16384 bytes close with 1009", Set.of(),
                        c -> oversize(c, true)),
                ConformanceCase.of("KA-6d", "a frame header declaring 2^40 bytes closes with 1009 before any payload",
                        Set.of(), InvalidInputCases::declaredTooBig),
                ConformanceCase.of("KA-8a", "an unmasked client frame closes the connection", Set.of(),
                        InvalidInputCases::unmasked)));
        return cases;
    }

    /** One classification row: send {@code text}, expect one invalid with {@code reason} (any, if null). */
    private static ConformanceCase row(String id, String title, InvalidReason reason, String text) {
        return ConformanceCase.of(id, title, Set.of(), c -> {
            Session s = c.open(c.config().token());
            s.send(text);
            if (reason != null) {
                s.expectInvalidReply(reason);
            } else {
                Received r = s.reply("one invalid reply");
                expect(r.message() instanceof Invalid, "one invalid reply", r.raw());
            }
            s.expectUsable();
        });
    }

    private static ConformanceCase binary() {
        return ConformanceCase.of("MSG-3a", "a binary frame -> malformed", Set.of(), c -> {
            Session s = c.open(c.config().token());
            s.raw().sendFrame(true, RawWebSocket.BINARY, LIST.getBytes(StandardCharsets.UTF_8));
            s.expectInvalidReply(MALFORMED);
            s.expectUsable();
        });
    }

    private static void surrogate(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.send("{\"type\":\"listEvents\",\"data\":{\"x\":\"\\ud800\"}}");
        s.replyOfType(MessageTypes.LIST_EVENTS, "the listEvents reply");
    }

    private static void tolerant(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.send("{\"type\":\"listEvents\",\"data\":{},\"x\":1}");
        s.replyOfType(MessageTypes.LIST_EVENTS, "the listEvents reply despite an extra member");
        s.send("{\"type\":\"listEvents\"}");
        s.replyOfType(MessageTypes.LIST_EVENTS, "the listEvents reply to listEvents without data");
        s.send("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"streamOnline\",\"x\":[1]},\"id\":7}");
        s.replyOfType(MessageTypes.ADD_SUCCESS, "addSuccess despite extra members");
    }

    private static void subscriptionsKept(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.add(EventType.STREAM_ONLINE);
        s.send("{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"\"}}");
        s.reply("one invalid reply");
        s.send("{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"StreamOnline\"}}");
        s.reply("one invalid reply");
        ListEventsReply reply = s.listEvents();
        expect(reply.subscribedEvents().equals(List.of(EventType.STREAM_ONLINE)), "subscribedEvents still [streamOnline]",
                reply.subscribedEvents().toString());
    }

    private static void invalidUtf8(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.raw().sendFrame(true, RawWebSocket.TEXT, new byte[] {'{', '"', 't', '"', ':', (byte) 0xC3, (byte) 0x28, '}'});
        expectClose(s, 1007, "close frame 1007 (and no invalid reply)");
    }

    private static void oversize(CaseContext c, boolean fragmented) throws Exception {
        Session s = c.open(c.config().token());
        byte[] payload = padded(Limits.MAX_CLIENT_MESSAGE_BYTES + 1);
        if (fragmented) {
            int half = payload.length / 2;
            s.raw().sendFrame(false, RawWebSocket.TEXT, Arrays.copyOfRange(payload, 0, half));
            s.raw().sendFrame(true, RawWebSocket.CONTINUATION, Arrays.copyOfRange(payload, half, payload.length));
        } else {
            s.raw().sendFrame(true, RawWebSocket.TEXT, payload);
        }
        expectClose(s, 1009, "close frame 1009");
    }

    private static void declaredTooBig(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        byte[] header = FrameCodec.header(true, Frame.TEXT, 1L << 40, new byte[] {1, 2, 3, 4});
        s.raw().sendRaw("a text frame header declaring 2^40 bytes, no payload", header);
        expectClose(s, 1009, "close frame 1009 without waiting for the payload");
    }

    private static void unmasked(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        byte[] frame = FrameCodec.unmasked(true, Frame.TEXT, LIST.getBytes(StandardCharsets.UTF_8));
        s.raw().sendRaw("an unmasked listEvents text frame", frame);
        Inbound end = s.raw().next(Duration.ofSeconds(5));
        expect(end instanceof Inbound.Ended || end instanceof Inbound.Closed closed && closed.code() == 1002,
                "the connection closed (with 1002 if by a close frame), the frame not answered", end.describe());
    }

    private static void exactLimit(CaseContext c) throws Exception {
        Session s = c.open(c.config().token());
        s.raw().sendFrame(true, RawWebSocket.TEXT, padded(Limits.MAX_CLIENT_MESSAGE_BYTES));
        s.replyOfType(MessageTypes.LIST_EVENTS, "the listEvents reply to a 16384-byte message");
    }

    /** A valid listEvents request padded with spaces inside the object to exactly {@code size} bytes. */
    private static byte[] padded(int size) {
        String head = "{\"type\":\"listEvents\",\"data\":{}";
        return (head + " ".repeat(size - head.length() - 1) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static void expectClose(Session s, int code, String expected) {
        Inbound end = s.raw().next(java.time.Duration.ofSeconds(5));
        expect(end instanceof Inbound.Closed closed && closed.code() == code, expected, end.describe());
    }
}
