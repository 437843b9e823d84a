package dev.neuroinfo.ws.conformance.wire;

import dev.neuroinfo.ws.wire.Evidence;
import dev.neuroinfo.ws.wire.Frame;
import dev.neuroinfo.ws.wire.FrameCodec;
import dev.neuroinfo.ws.wire.HandshakeRequest;
import dev.neuroinfo.ws.wire.HttpReader;
import dev.neuroinfo.ws.wire.HttpResponse;
import dev.neuroinfo.ws.wire.RawClient;
import dev.neuroinfo.ws.wire.Sockets;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The suite's RFC 6455 client endpoint, layered on the wire library's {@link RawClient}: it
 * masks what it sends, can send any frame (oversize, fragmented, invalid UTF-8, binary), can stop
 * answering pings, and records every frame that arrives in the {@link WireLog} as evidence.
 *
 * <p>A reader thread parses incoming frames into a queue; the case's thread takes messages from
 * it with a bound. Writes are serialised by the client, since the reader thread answers pings.
 */
public final class RawWebSocket implements AutoCloseable {
    /** Frame opcodes (RFC 6455 5.2). */
    public static final int CONTINUATION = Frame.CONTINUATION;
    public static final int TEXT = Frame.TEXT;
    public static final int BINARY = Frame.BINARY;
    public static final int CLOSE = Frame.CLOSE;
    public static final int PING = Frame.PING;
    public static final int PONG = Frame.PONG;
    private static final int END = -1;
    private static final int MAX_INBOUND = 4 * 1024 * 1024;

    private final RawClient client;
    private final String label;
    private final WireLog log;
    private final BlockingQueue<Received> frames = new LinkedBlockingQueue<>();
    private final List<Long> pingArrivals = new CopyOnWriteArrayList<>();
    private final List<byte[]> pongPayloads = new CopyOnWriteArrayList<>();
    private final long requestSentNanos;
    private final long openedNanos = System.nanoTime();
    private volatile boolean answerPings = true;
    private volatile boolean closeSent;
    private volatile boolean endSeen;

    private RawWebSocket(RawClient client, String label, WireLog log, long requestSentNanos) {
        this.client = client;
        this.requestSentNanos = requestSentNanos;
        this.label = label;
        this.log = log;
        Thread reader = new Thread(this::readLoop, "conformance-" + label);
        reader.setDaemon(true);
        reader.start();
    }

    /** The result of a handshake: the raw response, and the connection if it was upgraded. */
    public record Handshake(HttpResponse response, RawWebSocket socket) {
        /** Whether the server answered 101 with a correct accept key. */
        public boolean upgraded() {
            return socket != null;
        }
    }

    /**
     * A handshake whose TCP connection is open but whose request is not yet sent, so that several
     * can be released at the same instant.
     */
    public static final class Pending {
        private final RawClient client;
        private final HandshakeRequest request;
        private final URI base;
        private final String label;
        private final WireLog log;

        private Pending(RawClient client, HandshakeRequest request, URI base, String label, WireLog log) {
            this.client = client;
            this.request = request;
            this.base = base;
            this.label = label;
            this.log = log;
        }

        /** Sends the request and reads the answer; on anything but 101 the socket is closed. */
        public Handshake complete() throws IOException {
            boolean keep = false;
            try {
                log.line("-> " + label + " handshake " + request.describe());
                long sent = System.nanoTime();
                HttpReader.Head responseHead = client.handshake(request, Sockets.hostHeader(base));
                String accept = responseHead.first("sec-websocket-accept");
                if (responseHead.status() == 101) {
                    HttpResponse response = responseHead.withBody(new byte[0]);
                    if (!RawClient.upgraded(request, responseHead)) {
                        log.line("<- " + label + " 101 with wrong Sec-WebSocket-Accept " + Evidence.quote(String.valueOf(accept)));
                        return new Handshake(response, null);
                    }
                    log.line("<- " + label + " 101 Switching Protocols");
                    keep = true;
                    return new Handshake(response, new RawWebSocket(client, label, log, sent));
                }
                HttpResponse response = responseHead.withBody(client.readBody(responseHead));
                log.line("<- " + label + " " + response.summary());
                return new Handshake(response, null);
            } finally {
                if (!keep) {
                    client.close();
                }
            }
        }
    }

    /** Opens the TCP connection for a handshake to {@code base} (scheme, host and port are used). */
    public static Pending prepare(URI base, HandshakeRequest request, Duration timeout, String label, WireLog log)
            throws IOException {
        return new Pending(RawClient.open(base, timeout, 0), request, base, label, log);
    }

    /** Performs a handshake at once. */
    public static Handshake connect(URI base, HandshakeRequest request, Duration timeout, String label, WireLog log)
            throws IOException {
        return prepare(base, request, timeout, label, log).complete();
    }

    /** This connection's label in evidence, e.g. {@code ws#3}. */
    public String label() {
        return label;
    }

    /** Whether the reader thread answers pings with pongs (the default) or ignores them. */
    public void answerPings(boolean answer) {
        this.answerPings = answer;
    }

    /** Arrival times ({@link System#nanoTime()}) of the pings received so far. */
    public List<Long> pingArrivals() {
        return List.copyOf(pingArrivals);
    }

    /** Payloads of the pongs received so far. */
    public List<byte[]> pongPayloads() {
        return List.copyOf(pongPayloads);
    }

    /** When the connection was upgraded ({@link System#nanoTime()}). */
    public long openedNanos() {
        return openedNanos;
    }

    /**
     * When the handshake request was sent ({@link System#nanoTime()}): the server cannot have
     * known the connection earlier, so a time measured from here is never shorter than the
     * server's own measure of it.
     */
    public long requestSentNanos() {
        return requestSentNanos;
    }

    /** Sends a text message in one frame. */
    public void sendText(String text) throws IOException {
        log.line("-> " + label + " text " + Evidence.quote(text));
        writeFrame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends any frame exactly as given (masked, as a client must). */
    public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        log.line("-> " + label + " frame fin=" + fin + " opcode=" + opcode + " (" + payload.length + " bytes)");
        writeFrame(fin, opcode, payload);
    }

    /**
     * Sends bytes exactly as given, which need not be a whole or valid frame: a header declaring a
     * length whose payload never follows, or a frame without a mask.
     */
    public void sendRaw(String description, byte[] bytes) throws IOException {
        log.line("-> " + label + " raw bytes: " + description + " (" + bytes.length + " bytes)");
        client.sendRaw(bytes);
    }

    /**
     * Sends the same text message many times in one write, so that they arrive together and a
     * server that closes after some of them cannot break the sending half way.
     */
    public void sendTexts(String text, int count) throws IOException {
        log.line("-> " + label + " text " + Evidence.quote(text) + " x " + count + " in one write");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            all.writeBytes(FrameCodec.masked(true, TEXT, text.getBytes(StandardCharsets.UTF_8)));
        }
        client.sendRaw(all.toByteArray());
    }

    /** Sends a ping with the given payload. */
    public void ping(byte[] payload) throws IOException {
        log.line("-> " + label + " ping (" + payload.length + " bytes)");
        writeFrame(true, PING, payload);
    }

    /** Sends a close frame with a status code. */
    public void sendClose(int code) throws IOException {
        log.line("-> " + label + " close " + code);
        closeSent = true;
        writeFrame(true, CLOSE, Frame.closePayload(code));
    }

    /**
     * The next data message or connection end, skipping control frames (pings and pongs); fragments
     * are joined.
     */
    public Inbound next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream fragments = null;
        int fragmentedOpcode = 0;
        while (true) {
            Received frame;
            try {
                frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Inbound.Ended("interrupted");
            }
            if (frame == null) {
                return new Inbound.Timeout();
            }
            switch (frame.opcode) {
                case PING, PONG -> {
                    continue;
                }
                case END -> {
                    frames.add(frame);
                    return new Inbound.Ended(new String(frame.payload, StandardCharsets.UTF_8));
                }
                case CLOSE -> {
                    frames.add(new Received(true, END, "after close frame".getBytes(StandardCharsets.UTF_8), frame.arrival));
                    return closed(frame.payload);
                }
                default -> {
                }
            }
            if (frame.opcode != CONTINUATION) {
                fragments = new ByteArrayOutputStream();
                fragmentedOpcode = frame.opcode;
            } else if (fragments == null) {
                return new Inbound.Ended("server sent a continuation frame with nothing to continue");
            }
            fragments.writeBytes(frame.payload);
            if (frame.fin) {
                byte[] payload = fragments.toByteArray();
                if (fragmentedOpcode == BINARY) {
                    return new Inbound.Binary(payload);
                }
                if (fragmentedOpcode != TEXT) {
                    return new Inbound.Ended("server sent unknown opcode " + fragmentedOpcode);
                }
                return text(payload, frame.arrival);
            }
        }
    }

    private static Inbound text(byte[] payload, long arrival) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
            return new Inbound.Text(text, true, arrival);
        } catch (CharacterCodingException e) {
            return new Inbound.Text(new String(payload, StandardCharsets.UTF_8), false, arrival);
        }
    }

    private static Inbound.Closed closed(byte[] payload) {
        Frame close = new Frame(true, CLOSE, payload);
        return new Inbound.Closed(close.closeCode().orElse(-1), close.closeReason());
    }

    /** Whether the connection has ended (close frame or TCP end seen by the reader). */
    public boolean ended() {
        return endSeen;
    }

    /**
     * Closes politely: sends close 1000 unless a close was already exchanged, waits (bounded) for
     * the server's close or the end of the connection, then closes the socket.
     */
    public void closeGracefully(Duration timeout) {
        try {
            if (!closeSent && !endSeen) {
                sendClose(1000);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!endSeen && System.nanoTime() < deadline) {
                Received f = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (f == null || f.opcode == END || f.opcode == CLOSE) {
                    break;
                }
            }
        } catch (IOException e) {
            // the connection is already gone: nothing left to close politely
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abort();
    }

    /** Drops the TCP connection without a close frame. */
    public void abort() {
        try {
            client.close();
        } catch (IOException e) {
            // closing a socket that failed is not an error worth reporting
        }
    }

    @Override
    public void close() {
        closeGracefully(Duration.ofSeconds(1));
    }

    private void writeFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        client.send(fin, opcode, payload);
    }

    /** Answers a close frame with the same code, once; the connection may already be gone. */
    private void echoClose(byte[] payload) {
        if (closeSent) {
            return;
        }
        closeSent = true;
        try {
            writeFrame(true, CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
        } catch (IOException e) {
            log.line("-> " + label + " close echo not sent (" + e.getMessage() + ")");
        }
    }

    private void readLoop() {
        try {
            client.socket().setSoTimeout(0);
            while (true) {
                Frame read = client.read(MAX_INBOUND);
                Received frame = new Received(read.fin(), read.opcode(), read.payload(), System.nanoTime());
                switch (frame.opcode) {
                    case PING -> {
                        pingArrivals.add(frame.arrival);
                        log.line("<- " + label + " ping (" + frame.payload.length + " bytes)"
                                + (answerPings ? ", answered" : ", not answered"));
                        if (answerPings && !closeSent) {
                            writeFrame(true, PONG, frame.payload);
                        }
                    }
                    case PONG -> {
                        pongPayloads.add(frame.payload);
                        log.line("<- " + label + " pong (" + frame.payload.length + " bytes)");
                    }
                    case CLOSE -> {
                        Inbound.Closed c = closed(frame.payload);
                        log.line("<- " + label + " close code=" + c.code() + " reason=" + Evidence.quote(c.reason()));
                        // Recorded before the echo: a server may drop the connection right after
                        // its close frame, and a failed echo must not hide the frame it did send.
                        frames.add(frame);
                        endSeen = true;
                        echoClose(frame.payload);
                        return;
                    }
                    case TEXT, CONTINUATION -> log.line("<- " + label + " " + (frame.opcode == TEXT ? "text " : "continuation ")
                            + Evidence.quote(new String(frame.payload, StandardCharsets.UTF_8)) + (frame.fin ? "" : " (fin=0)"));
                    default -> log.line("<- " + label + " frame opcode=" + frame.opcode + " (" + frame.payload.length + " bytes)");
                }
                frames.add(frame);
            }
        } catch (IOException | RuntimeException e) {
            String why = e instanceof EOFException ? "end of stream" : String.valueOf(e.getMessage());
            if (!endSeen) {
                log.line("<- " + label + " connection ended (" + why + ")");
            }
            endSeen = true;
            frames.add(new Received(true, END, why.getBytes(StandardCharsets.UTF_8), System.nanoTime()));
        }
    }

    /** A frame as the reader thread queued it, with its arrival time; opcode END marks the end. */
    private record Received(boolean fin, int opcode, byte[] payload, long arrival) {
    }
}
