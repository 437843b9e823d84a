package dev.neuroinfo.ws.conformance;

import dev.neuroinfo.ws.wire.Evidence;
import dev.neuroinfo.ws.conformance.wire.Inbound;
import dev.neuroinfo.ws.conformance.wire.RawWebSocket;
import dev.neuroinfo.ws.protocol.EventType;
import dev.neuroinfo.ws.protocol.InvalidReason;
import dev.neuroinfo.ws.protocol.codec.ServerDecoding;
import dev.neuroinfo.ws.protocol.message.AddSuccess;
import dev.neuroinfo.ws.protocol.message.Event;
import dev.neuroinfo.ws.protocol.message.Invalid;
import dev.neuroinfo.ws.protocol.message.ListEventsReply;
import dev.neuroinfo.ws.protocol.message.MessageTypes;
import dev.neuroinfo.ws.protocol.message.RemoveSuccess;
import dev.neuroinfo.ws.schemas.Schemas;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * An upgraded connection seen at the protocol level: every server message read through it is
 * checked against the server-message schema and decoded with the protocol's codec, so any case
 * also catches a malformed message (GEN-2, and the message's own clause).
 */
final class Session implements AutoCloseable {
    private final RawWebSocket ws;
    private final CaseContext context;
    private final Deque<Received> pendingEvents = new ArrayDeque<>();
    private String sessionId;

    Session(RawWebSocket ws, CaseContext context) {
        this.ws = ws;
        this.context = context;
    }

    RawWebSocket raw() {
        return ws;
    }

    String sessionId() {
        return sessionId;
    }

    void sessionId(String id) {
        this.sessionId = id;
    }

    void send(String text) throws IOException {
        ws.sendText(text);
    }

    /** The next message, which must be a schema-valid, decodable server text message. */
    Received receive(String expecting) {
        return receive(expecting, context.config().replyTimeout());
    }

    Received receive(String expecting, Duration timeout) {
        return validate(ws.next(timeout), expecting);
    }

    private Received validate(Inbound in, String expecting) {
        if (!(in instanceof Inbound.Text text)) {
            throw new CaseFailure(expecting, in.describe() + " on " + ws.label());
        }
        if (!text.validUtf8()) {
            throw new CaseFailure(expecting + " as valid UTF-8 (GEN-2)", in.describe());
        }
        List<String> errors = SchemaCheck.errors(Schemas.SERVER_MESSAGE, text.text());
        if (!errors.isEmpty()) {
            throw new CaseFailure(expecting + ", valid per " + Schemas.SERVER_MESSAGE,
                    Evidence.quote(text.text()) + " violating " + errors);
        }
        ServerDecoding decoded = context.codec().decodeServer(text.text());
        if (decoded instanceof ServerDecoding.Undecodable u) {
            throw new CaseFailure(expecting + ", a decodable server message", Evidence.quote(text.text()) + ": " + u.problem());
        }
        return new Received(text.text(), context.json(text.text()),
                ((ServerDecoding.Decoded) decoded).message(), text.arrivalNanos());
    }

    /** The next message that is not an event; events met on the way are kept for {@link #nextEvent}. */
    Received reply(String expecting) {
        long deadline = System.nanoTime() + context.config().replyTimeout().toNanos();
        while (true) {
            Received r = receive(expecting, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!MessageTypes.EVENT.equals(r.type())) {
                return r;
            }
            pendingEvents.add(r);
        }
    }

    /** The next reply, which must be of the given type. */
    Received replyOfType(String type, String expecting) {
        Received r = reply(expecting);
        if (!type.equals(r.type())) {
            throw new CaseFailure(expecting, Evidence.quote(r.raw()));
        }
        return r;
    }

    /** The next event, or null when none arrives within the timeout; a non-event message fails. */
    Received nextEvent(Duration timeout) {
        if (!pendingEvents.isEmpty()) {
            return pendingEvents.poll();
        }
        Inbound in = ws.next(timeout);
        if (in instanceof Inbound.Timeout) {
            return null;
        }
        Received r = validate(in, "an event message");
        if (!MessageTypes.EVENT.equals(r.type())) {
            throw new CaseFailure("only event messages while waiting for events", Evidence.quote(r.raw()));
        }
        return r;
    }

    /** Events already received while waiting for replies. */
    Deque<Received> pendingEvents() {
        return pendingEvents;
    }

    ListEventsReply listEvents() throws IOException {
        send("{\"type\":\"listEvents\",\"data\":{}}");
        return (ListEventsReply) replyOfType(MessageTypes.LIST_EVENTS, "a listEvents reply").message();
    }

    AddSuccess add(EventType type) throws IOException {
        send("{\"type\":\"addEvent\",\"data\":{\"eventType\":\"" + type.wireName() + "\"}}");
        AddSuccess a = (AddSuccess) replyOfType(MessageTypes.ADD_SUCCESS, "addSuccess for " + type).message();
        if (a.eventType() != type || !a.subscribed()) {
            throw new CaseFailure("addSuccess {eventType: " + type + ", subscribed: true}", a.toString());
        }
        return a;
    }

    RemoveSuccess remove(EventType type) throws IOException {
        send("{\"type\":\"removeEvent\",\"data\":{\"eventType\":\"" + type.wireName() + "\"}}");
        return (RemoveSuccess) replyOfType(MessageTypes.REMOVE_SUCCESS, "removeSuccess for " + type).message();
    }

    /** Sends {@code text} and expects exactly one {@code invalid} with {@code reason}, then a working session. */
    void expectInvalid(String text, InvalidReason reason) throws IOException {
        send(text);
        expectInvalidReply(reason);
        expectUsable();
    }

    /** The next reply must be {@code invalid} with this reason. */
    Invalid expectInvalidReply(InvalidReason reason) {
        String expecting = "one invalid reply with reason " + reason.wireValue();
        Received r = reply(expecting);
        if (!(r.message() instanceof Invalid invalid) || invalid.reason() != reason) {
            throw new CaseFailure(expecting, Evidence.quote(r.raw()));
        }
        List<String> errors = SchemaCheck.errors("invalid.json", r.raw());
        if (!errors.isEmpty()) {
            throw new CaseFailure("an invalid message valid per invalid.json (MSG-1)", errors.toString());
        }
        return invalid;
    }

    /**
     * The connection still works and nothing else was pending: a listEvents round trip whose reply
     * is the very next reply (a second {@code invalid} would come first).
     */
    void expectUsable() throws IOException {
        send("{\"type\":\"listEvents\",\"data\":{}}");
        Received r = reply("the connection to stay usable: the next reply is the listEvents reply");
        if (!MessageTypes.LIST_EVENTS.equals(r.type())) {
            throw new CaseFailure("exactly one reply to the previous message, then the listEvents reply",
                    Evidence.quote(r.raw()));
        }
    }

    /** Reads until the server closes or ends the connection; data messages on the way are ignored. */
    Inbound awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Inbound in = ws.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!(in instanceof Inbound.Text) && !(in instanceof Inbound.Binary)) {
                return in;
            }
        }
    }

    @Override
    public void close() {
        ws.close();
    }
}
